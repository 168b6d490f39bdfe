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
