// Whether a question is about the asker's own situation: "How do I reset my router password?", "What should I
// cook tonight?", "Can I freeze cooked rice?". Questions about a text ask what it says ("Who did Alexander I
// marry?", "How do you determine the acceleration...?"); a question in the first person singular asks for advice
// the text would have to give in its own words. relevance.ts uses this with the document's literal evidence: a
// first-person question that names nothing the document names must hold more of its words literally there.
// The first person singular, as subject, possessive or contraction. "me" is left out: "tell me", "give me the
// gist" frame a question about the text as a request.
const FIRST_PERSON = new Set(['i', 'my', 'mine', 'myself', "i'm", "i've", "i'd", "i'll"]);

// The question's words as typed, contractions whole ("I'm", "it's"), curly apostrophes made straight.
const typedWords = (question: string): string[] => question.replace(/’/g, "'").match(/[\p{L}\p{N}]+(?:'\p{L}+)*/gu) ?? [];

/**
 * True when the question speaks in the first person singular (I, my, mine, myself, I'm, I've, I'd, I'll). A
 * capital "I" right after a capitalized word that is not the question's first ("Alexander I", "Solange I and II")
 * is a regnal or ordinal numeral, not the asker.
 */
export function asksAboutAsker(question: string): boolean {
  const typed = typedWords(question);
  return typed.some((word, i) => {
    const lower = word.toLowerCase();
    if (!FIRST_PERSON.has(lower)) return false;
    if (word !== 'I') return true;
    const before = typed[i - 1];
    return !(i > 1 && before !== undefined && /^\p{Lu}/u.test(before));
  });
}

// Words that point back at something said before: in a question to the bot, the article's subject ("how far is it
// from LA", "when did the railroad put a stop there", "where can i watch it live").
const BACK_REFERENCES = new Set(['it', "it's", 'its', 'itself', 'there', 'they', 'them', 'their', 'he', 'she', 'his', 'her', 'him']);

/** True when the question refers back with a pronoun or "there": it presumes a subject already named, the article's. */
export function refersBack(question: string): boolean {
  return typedWords(question).some((word) => BACK_REFERENCES.has(word.toLowerCase()));
}

// First-person frames around a question about the text: why the asker asks ("im writing an essay on", "for my
// homework", "I have a test tomorrow"), how they feel about it ("I'm curious", "I always wondered", "I don't get"),
// or whose claim they want checked ("my teacher said ...", "I heard ...", "..., is that true?"). They say nothing
// about what is asked, and their words would be searched for (essay, teacher, wondered) and read as the asker's own
// situation. Each is removed from the start (in any order, after chat openers) or the end of the question.
const FRAME_STARTS: RegExp[] = [
  // "im writing an essay on the normans, ..." (the subject after "on" stays).
  /^(?:i'?m|i am|we'?re|we are)\s+(?:writing|doing|working on|preparing|making|researching)\s+(?:an?\s+|my\s+|our\s+|this\s+|the\s+)?(?:[a-z]+\s+)?(?:essays?|reports?|papers?|projects?|presentations?|assignments?|thesis|dissertation|homework|research)\s+(?:on|about|into|for)\s+/,
  // "for my history homework, ...", "in my biology class ..."
  /^(?:for|in)\s+(?:my|our)\s+(?:[a-z]+\s+){0,2}?(?:class|course|homework|assignment|exam|test|quiz|essay|report|project|paper|presentation|lesson|lecture|school|studies)\b\s*[,:;.-]?\s*/,
  // "I have a physics test tomorrow, ..."
  /^i\s+(?:have|got|'ve got|have got)\s+an?\s+(?:[a-z]+\s+)?(?:test|exam|quiz|essay|assignment|presentation)(?:\s+(?:tomorrow|today|tonight|soon|next week|this week|on [a-z]+))?\s*[,:;.!-]\s*/,
  // "I'm curious, ...", "i'm confused about why ..."
  /^(?:i'?m|i am)\s+(?:just\s+|really\s+|so\s+|a bit\s+)?(?:curious|confused|wondering|not sure|unsure|stuck|lost)(?:\s*[,:;.!-]\s*|\s+(?:about\s+)?(?=(?:how|why|what|when|where|who|which|whether|if)\b))/,
  // "i always wondered where ...", "I've always wondered how ..."
  /^i\s*(?:'ve|have)?\s+(?:always\s+|often\s+|sometimes\s+|just\s+|never\s+)?(?:wondered|wonder|was wondering)\s+(?:about\s+)?/,
  // "I don't get how ...", "i still dont understand why ..." (the negation is the asker's, not the question's)
  /^i\s+(?:still\s+)?(?:don'?t|do not|can'?t|cannot|never)\s+(?:really\s+|quite\s+|fully\s+)?(?:get|understand|understood|know|see|remember|follow|grasp)\s+(?=(?:how|why|what|when|where|who|which|whether|if)\b)/,
  // "for my class I need to know what ..."
  /^i\s+(?:really\s+|just\s+)?(?:need|want|have|would like|'d like|wanna)\s+to\s+(?:know|find out|understand)\s+/,
];
// Whose claim is checked: "my (biology) teacher said ...", "I heard ...", "someone told me ...".
const CLAIM_STARTS: RegExp[] = [
  /^(?:my|our)\s+(?:[a-z'-]+\s+){1,3}?(?:says|said|told me|tells me|told us|thinks|thought|claims|claimed|reckons|insists|swears|keeps saying)(?:\s+that)?\s+/,
  /^(?:someone|somebody|people|everyone|they|a friend)\s+(?:says|said|say|told me|tells me|claims?)(?:\s+that)?\s+/,
  /^(?:i|we)\s+(?:once\s+)?(?:read|heard|was told|were told|learned|learnt)\s+(?:somewhere\s+|online\s+|in (?:class|school)\s+)?(?:that\s+)?/,
];
const FRAME_ENDS: RegExp[] = [
  /\s*(?:[,;.-]\s*)?(?:is|was|isn't)\s+(?:that|this|it|he|she|they)\s+(?:really\s+)?(?:true|right|correct|accurate|so|real|a myth)(?:\s+or not)?\s*[?!.]*$/,
  /\s*[,;.-]\s*(?:true|right|correct|really)\s*\?+$/,
  /\s*(?:[,;.-]\s*)?(?:who'?s|who is)\s+right\s*[?!.]*$/,
  /\s*(?:[,;.-]\s*)?(?:is|are)\s+(?:he|she|they)\s+right\s*[?!.]*$/,
  /\s*[,;.-]\s*or is (?:that|it) a myth\s*[?!.]*$/,
  /\s*(?:[,;.-]\s*)?(?:can|could)\s+(?:you|u)\s+(?:please\s+)?(?:explain|help)(?:\s+(?:it|this|that|me))?(?:\s+(?:to me|please))?\s*[?!.]*$/,
];
const OPENING = /^(?:(?:so|and|but|ok|okay|well|hey|hi|hello|um+|uh+|hmm+|also|btw|wait|oh)\b[\s,.!:;-]*)+/;

/** What withoutAskerFrame returns: the question proper, and whether it is someone's claim to be checked. */
export interface FramedQuestion {
  text: string;
  /** "my teacher said X", "I heard X", "X, is that true?": a claim to check; the text may say it or its opposite. */
  claim: boolean;
}

/**
 * The question without the first-person frames around it (why or how the asker asks, whose claim they check), with
 * its chat openers and case kept as typed otherwise; the question itself when it has none or nothing else is left.
 */
export function withoutAskerFrame(question: string): FramedQuestion {
  let text = question.replace(/’/g, "'").trim();
  let claim = false;
  let changed = true;
  while (changed) {
    changed = false;
    const opener = OPENING.exec(text.toLowerCase())?.[0].length ?? 0;
    const body = text.slice(opener);
    const lower = body.toLowerCase();
    for (const [patterns, isClaim] of [[FRAME_STARTS, false], [CLAIM_STARTS, true]] as const) {
      for (const pattern of patterns) {
        const match = pattern.exec(lower);
        if (!match || match[0].length === 0 || match[0].length >= body.trim().length) continue;
        text = text.slice(0, opener) + body.slice(match[0].length);
        claim ||= isClaim;
        changed = true;
        break;
      }
      if (changed) break;
    }
    if (changed) continue;
    for (const pattern of FRAME_ENDS) {
      const match = pattern.exec(text.toLowerCase());
      if (!match || match.index === 0) continue;
      text = text.slice(0, match.index);
      claim ||= !/explain|help/.test(match[0]);
      changed = true;
      break;
    }
  }
  text = text.replace(/^[\s,.;:-]+/, '');
  return text.trim() === '' ? { text: question, claim: false } : { text, claim };
}
