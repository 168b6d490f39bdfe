// What a question says, without the noise of how it was typed. The same question typed in Discord
// carries mentions, custom emoji, markdown, a quoted-reply prefix, capitals for shouting and chat
// abbreviations; none of that may change the answer, so the core (not an adapter) removes it before
// analysis, and CLI and Discord answer alike. Accents and typographic variants are folded later, by
// the one normaliser both sides of every comparison share (src/text/analyze.ts).

/**
 * Chat abbreviations and slang with the word they stand for ("" = filler, dropped). Small on purpose:
 * only forms that are unambiguous in a question about a news article. A word written with a capital
 * mid-question is left alone ("Intel" the company, "Gov" in a name).
 */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['intel', 'intelligence'],
  ['govt', 'government'],
  ['gov', 'government'],
  ["gov't", 'government'],
  ['govts', 'governments'],
  ['admin', 'administration'],
  ['info', 'information'],
  ['dept', 'department'],
  ['pres', 'president'],
  ['prez', 'president'],
  ['intl', 'international'],
  ['natl', 'national'],
  ['ppl', 'people'],
  ['meds', 'medications'],
  ['uni', 'university'],
  ['unis', 'universities'],
  ['econ', 'economics'],
  ['stats', 'statistics'],
  // "5 mil people": WordNet's "mil" is a unit of length and a Cypriot coin.
  ['mil', 'million'],
  ['bn', 'billion'],
  ['yr', 'year'],
  ['yrs', 'years'],
  ['hr', 'hour'],
  ['hrs', 'hours'],
  ['mins', 'minutes'],
  ['pic', 'picture'],
  ['pics', 'pictures'],
  ['vid', 'video'],
  ['vids', 'videos'],
  ['sth', 'something'],
  ['smth', 'something'],
  ['prolly', 'probably'],
  ['alot', 'a lot'],
  // "pm" after a number is the time of day ("at 5 pm"): kept as typed there (TIME_OF_DAY below).
  ['pm', 'prime minister'],
  ['w/', 'with'],
  ['w/o', 'without'],
  ['b/c', 'because'],
  ['bc', 'because'],
  ['cuz', 'because'],
  ['abt', 'about'],
  ['wat', 'what'],
  ['wut', 'what'],
  ['u', 'you'],
  ['ur', 'your'],
  ['r', 'are'],
  // Spoken forms as typed in chat: the words they run together.
  ['gonna', 'going to'],
  ['wanna', 'want to'],
  ['gotta', 'got to'],
  ['hafta', 'have to'],
  ['kinda', 'kind of'],
  ['sorta', 'sort of'],
  ['outta', 'out of'],
  ['gimme', 'give me'],
  ['lemme', 'let me'],
  ['dunno', "don't know"],
  ['ya', 'you'],
  ['tho', 'though'],
  ['thru', 'through'],
  ['coz', 'because'],
  ['cos', 'because'],
  ['b4', 'before'],
  // Contractions typed without their apostrophe (only forms that are not words of their own:
  // "its", "were", "well", "ill", "id", "lets", "hell" stay as written).
  ['whats', "what's"],
  ['whos', "who's"],
  ['hows', "how's"],
  ['wheres', "where's"],
  ['whens', "when's"],
  ['whys', "why's"],
  ['thats', "that's"],
  ['theres', "there's"],
  ['dont', "don't"],
  ['doesnt', "doesn't"],
  ['didnt', "didn't"],
  ['isnt', "isn't"],
  ['wasnt', "wasn't"],
  ['werent', "weren't"],
  ['arent', "aren't"],
  ['cant', "can't"],
  ['couldnt', "couldn't"],
  ['wouldnt', "wouldn't"],
  ['shouldnt', "shouldn't"],
  ['wont', "won't"],
  ['havent', "haven't"],
  ['hasnt', "hasn't"],
  ['hadnt', "hadn't"],
  ['im', "i'm"],
  ['ive', "i've"],
  ['youre', "you're"],
  ['theyre', "they're"],
  // Slang with one meaning in a question about the news.
  ['spook', 'spy'],
  ['spooks', 'spies'],
  ['op', 'operation'],
  ['ops', 'operations'],
  // Discourse adverbs of chat stress a question, never say what it is about ("did they actually...").
  ['actually', ''],
  ['basically', ''],
  ['literally', ''],
  ['totally', ''],
  ['seriously', ''],
  ['honestly', ''],
  ['anyway', ''],
  ['anyways', ''],
  // "right now": the question's present tense already says it (and "now", "currently" are stop words).
  ['rn', ''],
  // "the guy that wrote it": someone the question asks about, never its topic ("one" is a stop word).
  ['guy', 'one'],
  ['guys', 'ones'],
  ['dude', 'one'],
  ['dudes', 'ones'],
  ['yeah', ''],
  ['yea', ''],
  ['ngl', ''],
  ['nvm', ''],
  ['srsly', ''],
  ['smh', ''],
  ['omg', ''],
  ['lol', ''],
  ['lmao', ''],
  ['pls', ''],
  ['plz', ''],
  ['thx', ''],
  ['tbh', ''],
  ['imo', ''],
  ['idk', ''],
  ['btw', ''],
  ['fyi', ''],
]);

/** Abbreviations that are a time of day after a number ("5 pm"), left as typed there. */
const TIME_OF_DAY: ReadonlySet<string> = new Set(['pm']);

declare const cleaned: unique symbol;
/**
 * A question as cleanQuestion returned it. Typed apart from raw text because cleaning is not idempotent
 * (each pass unwraps one level of nested markdown: "***__x__***"), so a question cleaned once per answer
 * is passed down as this, and a function that needs the cleaned text can neither be handed raw text nor
 * clean it a second time.
 */
export type CleanQuestion = string & { readonly [cleaned]: true };

// Words a chat line opens with before the question proper ("ok so how many...", "hey, who..."). They stay
// in the cleaned text (a follow-up reads "and"/"so" as leaning on the previous turn), but whatever reads
// the question's first words (the kind of answer asked for, about-the-article phrasings) skips them.
const OPENERS = /^(?:(?:so|and|but|ok|okay|well|hey|hi|hello|yo|um+|uh+|hmm+|also|then|btw|like|wait|oh|quick (?:question|q)|(?:(?:does|do) )?(?:any ?one|any ?body|some ?one|you|u) (?:know|remember)|(?:(?:can|could) (?:you|u|any ?one|any ?body|some ?one|some ?body) )?tell me|i (?:want|wanted|need|would like|'d like) to know|i(?: was|'m| am)? wonder(?:ing)?)\b[\s,.!:;-]*)+/i;

/** The text without the discourse words a chat line opens with ("ok so", "hey,"); the text itself when it has none. */
export function withoutOpeners(text: string): string {
  const rest = text.replace(OPENERS, '');
  return rest === '' ? text : rest;
}

/** A question shouted in capitals: most of its letters (and at least a few words' worth) are capitals. */
const SHOUTING_SHARE = 0.7;
const SHOUTING_MIN_LETTERS = 8;

/**
 * The question as a plain sentence: Discord mentions (users, roles, channels, @everyone/@here), custom
 * and Unicode emoji, markdown (bold, italics, underline, strike, spoilers, code, headings, masked links),
 * quoted-reply prefixes and URLs removed; a shouted question lower-cased; chat abbreviations spelled out;
 * repeated punctuation collapsed. Returns "" when nothing but noise was typed. Never throws.
 */
export function cleanQuestion(raw: string): CleanQuestion {
  let text = raw.replace(/\r\n?/g, '\n');
  // Quoted-reply and block-quote prefixes, headings and subtext markers at line starts.
  text = text.replace(/^[ \t]*(?:>{1,3}[ \t]?)+/gm, '').replace(/^[ \t]*(?:#{1,3}|-#)[ \t]+/gm, '');
  text = text
    .replace(/<@[!&]?\d+>/g, ' ') // user and role mentions
    .replace(/<#\d+>/g, ' ') // channel mentions
    .replace(/<\/[\w -]+:\d+>/g, ' ') // slash-command mentions
    .replace(/<a?:\w+:\d+>/g, ' ') // custom (and animated) emoji
    .replace(/<t:\d+(?::[tTdDfFR])?>/g, ' ') // timestamps
    .replace(/@(?:everyone|here)\b/g, ' ')
    .replace(/\[([^\]]*)\]\((?:<)?https?:\/\/[^)\s]*(?:>)?\)/g, '$1') // masked links keep their words
    .replace(/<?https?:\/\/\S+>?/g, ' ')
    .replace(/```(?:[a-z]+\n)?/gi, ' ')
    .replace(/\|\||~~|`+/g, ' ')
    .replace(/(\*{1,3}|_{2,3})(?=\S)([^*_\n]*?\S)\1/g, '$2') // bold, italics, underline
    .replace(/(^|\s)_(?=\S)([^_\n]*?\S)_(?=\s|$|[?!.,])/g, '$1$2') // _italics_
    .replace(/:[a-z0-9_+-]+:/g, ' ') // :shortcode: emoji as typed
    .replace(/\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u{FE0F}|\u{200D}|\u{20E3}/gu, ' ');
  // Shouting carries no names: taken as written, every word would look like a name.
  const letters = text.match(/\p{L}/gu) ?? [];
  const capitals = text.match(/\p{Lu}/gu) ?? [];
  if (letters.length >= SHOUTING_MIN_LETTERS && capitals.length >= SHOUTING_SHARE * letters.length) text = text.toLowerCase();
  // Abbreviations, only as lower-case words (a capitalised one may be a name).
  text = text.replace(/(?<![\p{L}\p{N}'’/]|\p{L}\.)([a-z]+(?:['’/][a-z]*)?)(?![\p{L}\p{N}'’/]|\.\p{L})/gu, (word: string, _w: string, at: number, whole: string) => {
    if (TIME_OF_DAY.has(word) && /\d\s*$/.test(whole.slice(0, at))) return word;
    const full = ABBREVIATIONS.get(word.replace(/’/g, "'"));
    return full === undefined ? word : full;
  });
  // Chat's hedging "like" says nothing about the topic: before a number ("after like 5 years") and at
  // the end of "what's X like" (where the question asks about X itself; "look like" stays a phrase).
  text = text.replace(/\blike\s+(?=\d)/g, '').replace(/(?<!\b(?:look|looks|looked|sound|sounds|feel|feels|seem|seems))\s+like(?=\s*[?!.]*\s*$)/, '');
  const plain = text
    .replace(/[?!]{2,}/g, (run) => (run.includes('?') ? '?' : '!')) // "???", "?!?!" -> one mark
    .replace(/([.,;:])\1+/g, '$1') // "....." -> "."
    .replace(/\s+([?!.,;:])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return plain as CleanQuestion;
}
