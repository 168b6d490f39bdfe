import { describe, expect, it } from 'vitest';
import {
  DISCORD_LIMITS,
  escapeDiscordText,
  fitEscaped,
  formatAbout,
  formatAnswerForDiscord,
  formatIngestSummary,
  renderQuote,
  safeSourceUrl,
  totalEmbedLength,
} from '../src/discord/format-discord.js';
import type { Answer, IndexAbout, QuotedPassage, Span } from '../src/types.js';

function quoted(text: string, highlights: Span[], paragraph = 1, source = 'The Article', score = 0.8): QuotedPassage {
  return {
    passage: { id: `doc#${paragraph}`, documentId: 'doc', ordinal: paragraph - 1, paragraph, text, start: 0, end: text.length },
    source,
    score,
    highlights,
  };
}

function answerOf(passages: QuotedPassage[], question = 'What happened?'): Answer {
  return { question, answered: passages.length > 0, passages, suggestions: [] };
}

function sentence(i: number, words = 12): string {
  // Capitalised like real prose: a period before a lowercase word is not a sentence end (e.g. "e.g. this").
  return `${Array.from({ length: words }, (_, w) => `${w === 0 ? "Word" : "word"}${i}x${w}`).join(" ")}.`;
}

/** Every `**` opened on a line is closed on the same line (escaped `\*` do not count). */
function boldBalancedPerLine(text: string): boolean {
  return text.split('\n').every((line) => (line.replace(/\\./g, '').match(/\*\*/g) ?? []).length % 2 === 0);
}

function assertWithinLimits(page: { content: string; embeds: { title?: string; description?: string; footer?: { text: string } }[] }) {
  expect(page.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  for (const embed of page.embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedFooter);
  }
  expect(totalEmbedLength(page.embeds)).toBeLessThanOrEqual(DISCORD_LIMITS.embedsTotal);
}

describe('formatAnswerForDiscord', () => {
  it('shows the relevance the decline threshold tests, not the ordering score, as the CLI does', () => {
    const answer = answerOf([{ ...quoted('The council met on Tuesday.', [{ start: 0, end: 27 }], 1, 'The Article', 0.42), relevance: 0.91 }]);
    expect(formatAnswerForDiscord(answer, { count: 3 }).embeds[0]?.footer?.text).toMatch(/^Relevance of the best passage: 0\.91 /);
  });

  it('answers first: the answering sentence bold with just enough of its passage, paragraph, title, relevance once', () => {
    const text = 'The council met on Tuesday. It voted to close the bridge. Traffic was diverted.';
    const start = text.indexOf('It voted');
    const answer = answerOf([quoted(text, [{ start, end: start + 'It voted to close the bridge.'.length }], 4), quoted('Another passage here.', [], 7, 'The Article', 0.5)]);
    const page = formatAnswerForDiscord(answer, { count: 3 });
    const embed = page.embeds[0];
    expect(embed?.title).toBe('The Article');
    expect(embed?.description).toContain('**1.** paragraph 4\n');
    // "It" leans on the sentence before, so that one is shown too; the sentence after is left out.
    expect(embed?.description).toContain('> The council met on Tuesday. **It voted to close the bridge.**…');
    expect(embed?.description).not.toContain('Traffic was diverted');
    expect(embed?.description).not.toMatch(/relevance/i);
    expect(embed?.footer?.text).toMatch(/^Relevance of the best passage: 0\.80 \(0 to 1; higher means/);
    expect(page.elided).toBe(true);
    expect(page.content).toContain('What happened?');
    expect(page.nextOffset).toBeUndefined();

    const full = formatAnswerForDiscord(answer, { count: 3, full: true });
    expect(full.embeds[0]?.description).toContain('> The council met on Tuesday. **It voted to close the bridge.** Traffic was diverted.');
    expect(full.embeds[0]?.description).not.toMatch(/relevance/i);
  });

  it('joins separate parts of a passage with " … " and says nothing is left out when the excerpt is the whole passage', () => {
    const sentences = Array.from({ length: 6 }, (_, i) => sentence(i));
    const text = sentences.join(' ');
    const at = (k: number) => ({ start: text.indexOf(sentences[k] ?? ''), end: text.indexOf(sentences[k] ?? '') + (sentences[k] ?? '').length });
    const description = formatAnswerForDiscord(answerOf([quoted(text, [at(1), at(4)])]), { count: 1 }).embeds[0]?.description ?? '';
    expect(description).toContain(`**${sentences[1]}** … **${sentences[4]}**`);
    const short = formatAnswerForDiscord(answerOf([quoted('Only sentence here.', [{ start: 0, end: 19 }])]), { count: 1 });
    expect(short.elided).toBe(false);
    expect(short.embeds[0]?.description).toContain('> **Only sentence here.**');
  });

  it('links the title to the source only when it is a plain http(s) URL', () => {
    const linked = (documentId: string) => {
      const q = quoted('A sentence.', [], 1);
      return formatAnswerForDiscord(answerOf([{ ...q, passage: { ...q.passage, documentId } }]), { count: 1 }).embeds[0]?.url;
    };
    expect(linked('https://news.example/story?id=1')).toBe('https://news.example/story?id=1');
    expect(linked('https://news.example/a_(b)')).toBe('https://news.example/a_%28b%29');
    for (const bad of ['ingest/corpus/article.txt', 'javascript:alert(1)', 'https://user:pw@news.example/', 'data:text/html,x', `https://x.example/${'a'.repeat(1200)}`]) {
      expect(linked(bad)).toBeUndefined();
    }
    expect(safeSourceUrl('HTTPS://News.Example/x y')).toBe('https://news.example/x%20y');
  });

  it('pages through passages and says where the next page starts', () => {
    const passages = Array.from({ length: 7 }, (_, i) => quoted(sentence(i), [], i + 1));
    const first = formatAnswerForDiscord(answerOf(passages), { count: 3 });
    expect(first.shown.map((q) => q.passage.paragraph)).toEqual([1, 2, 3]);
    expect(first.nextOffset).toBe(3);
    const last = formatAnswerForDiscord(answerOf(passages), { offset: 6, count: 3 });
    expect(last.shown.map((q) => q.passage.paragraph)).toEqual([7]);
    expect(last.nextOffset).toBeUndefined();
    expect(last.embeds[0]?.description).toContain('**7.**');
  });

  it('trims very long passages at sentence boundaries around the highlighted sentence, within 4096 characters', () => {
    const sentences = Array.from({ length: 120 }, (_, i) => sentence(i));
    const text = sentences.join(' ');
    const target = sentences[60] ?? '';
    const start = text.indexOf(target);
    const page = formatAnswerForDiscord(answerOf([quoted(text, [{ start, end: start + target.length }])]), { count: 1, full: true });
    assertWithinLimits(page);
    const description = page.embeds[0]?.description ?? '';
    expect(description).toContain(`**${target}**`);
    expect(description).toContain('> …');
    expect(description.trimEnd().endsWith('…')).toBe(true);
    // Cuts fall between sentences: the quoted text starts and ends with whole sentences.
    const body = description.split('\n').slice(1).join('\n').replace(/^> …/, '').replace(/…$/, '').replaceAll('**', '');
    expect(body.trim()).toMatch(/^Word\d+x0 /);
    expect(body.trim()).toMatch(/\.$/);
    expect(boldBalancedPerLine(description)).toBe(true);
  });

  it('cuts a single sentence too long for the room at a word, never inside the bold markers', () => {
    const text = `${Array.from({ length: 1500 }, (_, i) => `w${i}`).join(' ')}.`;
    for (const full of [true, false]) {
      const page = formatAnswerForDiscord(answerOf([quoted(text, [{ start: 0, end: text.length }])]), { count: 1, full });
      assertWithinLimits(page);
      const description = page.embeds[0]?.description ?? '';
      expect(description.length).toBeGreaterThan(3000);
      expect(boldBalancedPerLine(description)).toBe(true);
      expect(description).toMatch(/w\d+\*\*…$/);
    }
    const page = formatAnswerForDiscord(answerOf([quoted(text, [{ start: 0, end: text.length }])]), { count: 1, full: true });
    const description = page.embeds[0]?.description ?? '';
    expect(description.length).toBeGreaterThan(3000);
    expect(boldBalancedPerLine(description)).toBe(true);
    expect(description).toMatch(/w\d+\*\*…$/);
  });

  it('keeps many long passages within the description and total embed limits', () => {
    const passages = Array.from({ length: 10 }, (_, i) => {
      const text = Array.from({ length: 30 }, (_, j) => sentence(i * 100 + j)).join(' ');
      return quoted(text, [{ start: 0, end: 40 }], i + 1);
    });
    const page = formatAnswerForDiscord(answerOf(passages, 'q'.repeat(1900)), { count: 10, full: true });
    assertWithinLimits(page);
    expect(page.shown).toHaveLength(10);
    for (let i = 1; i <= 10; i += 1) expect(page.embeds[0]?.description).toContain(`**${i}.**`);
    expect(boldBalancedPerLine(page.embeds[0]?.description ?? '')).toBe(true);
  });

  it('gives short passages what they need and the room left to longer ones', () => {
    const short = quoted('Short one.', [], 1);
    const long = quoted(Array.from({ length: 200 }, (_, j) => sentence(j)).join(' '), [], 2);
    const description = formatAnswerForDiscord(answerOf([short, long]), { count: 2, full: true }).embeds[0]?.description ?? '';
    expect(description).toContain('> Short one.');
    expect(description.length).toBeGreaterThan(DISCORD_LIMITS.embedDescription - 200);
    expect(description.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
  });

  it('escapes the article text’s own markdown and mentions so the quote reads exactly as written', () => {
    const text = '*Not italic* and __not underlined__, `code`, ||spoiler||, ~~strike~~ and @everyone or <@123456789012345678>.\n# Not a heading\n- not a list\n1. not numbered\n[masked](https://example.com/a_b)';
    const description = formatAnswerForDiscord(answerOf([quoted(text, [])]), { count: 1, full: true }).embeds[0]?.description ?? '';
    expect(description).toContain('\\*Not italic\\*');
    expect(description).toContain('\\_\\_not underlined\\_\\_');
    expect(description).toContain('\\`code\\`');
    expect(description).toContain('\\|\\|spoiler\\|\\|');
    expect(description).toContain('\\~\\~strike\\~\\~');
    expect(description).not.toContain('@everyone');
    expect(description).not.toMatch(/<@\d/);
    expect(description).toContain('> \\# Not a heading');
    expect(description).toContain('> \\- not a list');
    expect(description).toContain('> 1\\. not numbered');
    expect(description).toContain('\\[masked\\](https://example.com/a_b)');
    // Removing the escapes and zero-width spaces gives back the article's words.
    const unescaped = description.split('\n').slice(1).map((l) => l.replace(/^> ?/, '')).join('\n').replace(/\\(.)/g, '$1').replaceAll('\u200b', '');
    expect(unescaped).toBe(text);
  });

  it('bolds a highlight that crosses a paragraph break line by line', () => {
    const text = 'First paragraph ends here.\n\nSecond paragraph starts here. More.';
    const start = text.indexOf('ends');
    const end = text.indexOf('More');
    const quote = renderQuote(text, [{ start, end }], 10_000);
    expect(quote).toBe('> First paragraph **ends here.**\n>\n> **Second paragraph starts here.** More.');
  });

  it('offers the questions the core suggests when declining, under a heading that says so', () => {
    const answer: Answer = { question: 'Who won the cup?', answered: false, passages: [], suggestions: ['Who is Ron Dermer?', 'What did Trump tell Lavrov?'] };
    const content = formatAnswerForDiscord(answer, { count: 3, note: "Reading 'it' as the cup." }).content;
    expect(content).toMatch(/^Reading 'it' as the cup\.\n\*\*Question:\*\* Who won the cup\?/);
    expect(content).toContain('Questions it can answer:\n- Who is Ron Dermer?\n- What did Trump tell Lavrov?');
  });

  it('declines honestly with suggestions and quotes nothing when the article does not cover the question', () => {
    const answer: Answer = { question: 'Who won the cup?', answered: false, passages: [], suggestions: ['the bridge closure', 'traffic *changes*'] };
    const page = formatAnswerForDiscord(answer, { count: 3 });
    expect(page.embeds).toEqual([]);
    expect(page.content).toContain("doesn't seem to cover");
    expect(page.content).toContain('- the bridge closure');
    expect(page.content).toContain('traffic \\*changes\\*');
    expect(page.content).not.toContain('> ');
  });

  it('drops suggestions rather than exceed 2000 characters', () => {
    const answer: Answer = { question: 'x'.repeat(500), answered: false, passages: [], suggestions: Array.from({ length: 50 }, (_, i) => `topic ${i} ${'y'.repeat(100)}`) };
    const page = formatAnswerForDiscord(answer, { count: 3 });
    expect(page.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(page.content).toContain('- topic 0');
  });
});

describe('escaping user text', () => {
  it('fits text to an exact limit after escaping, never splitting an escape', () => {
    const raw = '*'.repeat(3000);
    const fitted = fitEscaped(raw, 2000);
    expect(fitted.length).toBeLessThanOrEqual(2000);
    expect(fitted.endsWith('\\*…')).toBe(true);
    const exact = 'a'.repeat(2000);
    expect(fitEscaped(exact, 2000)).toBe(exact);
  });

  it('neutralises masked links, headings, lists, code blocks and role/user/channel mentions', () => {
    const escaped = escapeDiscordText('# big\n> quote\n```js\nx\n``` [a](http://evil.example) <@&1> <#2> @here');
    expect(escaped).toContain('\\# big');
    expect(escaped).toContain('\\> quote');
    expect(escaped).toContain('\\`\\`\\`js');
    expect(escaped).toContain('\\[a\\]');
    expect(escaped).not.toMatch(/<\\?[@#]\d/);
    expect(escaped).not.toMatch(/<\\?@&\d/);
    expect(escaped).not.toContain('@here');
  });

  it('keeps underscores in links but escapes markers that could pair with bold outside them', () => {
    expect(escapeDiscordText('see https://x.example/a_b/**c** now')).toBe('see https://x.example/a_b/\\*\\*c\\*\\* now');
  });
});

describe('formatAbout and formatIngestSummary', () => {
  const about: IndexAbout = {
    generation: 'g1',
    builtAt: '2026-01-02T03:04:05.000Z',
    embedder: { kind: 'local', model: 'local-hash-v1', dimensions: 384, settings: {} },
    passageCount: 42,
    documents: [{ id: 'a.txt', location: '/x/a.txt', title: 'A *Title*', author: 'Jo Writer', passages: 42 }],
  };

  it('shows title, author, source, passage count, embedder and build time', () => {
    const message = formatAbout(about);
    const text = JSON.stringify(message.embeds);
    for (const expected of ['A \\\\*Title\\\\*', 'Jo Writer', '/x/a.txt', '42', 'local-hash-v1', '2026-01-02T03:04:05.000Z']) expect(text).toContain(expected);
    assertWithinLimits(message);
  });

  it('says the index is not built yet when there is none', () => {
    expect(formatAbout(undefined).content).toMatch(/not built yet: run npm run ingest/);
  });

  it('keeps a very large about within the embed limits', () => {
    const many = { ...about, documents: Array.from({ length: 40 }, (_, i) => ({ id: `d${i}`, location: `https://example.com/${'p'.repeat(900)}/${i}`, title: 't'.repeat(300), passages: i })) };
    assertWithinLimits(formatAbout(many));
    expect(formatAbout(many).embeds[0]?.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
  });

  it('summarises a re-ingest with added, changed, removed, reused, passages and seconds', () => {
    const text = formatIngestSummary({ generation: 'g2', documents: 2, passages: 90, embedder: about.embedder, added: ['https://x.example/new'], changed: [], removed: ['old.txt'], reused: ['a.txt'], seconds: 3.21 });
    expect(text).toContain('90 passages');
    expect(text).toContain('3.2 s');
    expect(text).toMatch(/added 1 \(https:\/\/x\.example\/new\)/);
    expect(text).toContain('changed 0');
    expect(text).toContain('removed 1');
    expect(text).toContain('reused 1');
  });
});

describe('formatAnswerForDiscord over random passages', () => {
  it('always fits the limits, closes every bold marker, and quotes only the passage’s own text', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pieces = ['word', 'Mr. Smith', '*', '**', '_', '__', '~~', '`', '|', '#', '- ', '1. ', '> ', '@everyone', '<@12345678901234567>', '\\', 'https://x.example/a_b', '[l](u)', '. ', '! ', '? ', '\n', '\n\n', ' '];
    for (let run = 0; run < 150; run += 1) {
      const count = 1 + Math.floor(random() * 6);
      const passages = Array.from({ length: count }, (_, p) => {
        const length = Math.floor(random() * (run % 10 === 0 ? 3000 : 300));
        let text = '';
        while (text.length < length) text += pieces[Math.floor(random() * pieces.length)];
        text = text.trim() || 'x';
        const a = Math.floor(random() * text.length);
        const b = a + Math.floor(random() * (text.length - a + 1));
        return quoted(text, [{ start: a, end: b }], p + 1);
      });
      const page = formatAnswerForDiscord(answerOf(passages, pieces.join('')), { count, full: run % 2 === 0 });
      assertWithinLimits(page);
      const description = page.embeds[0]?.description ?? '';
      expect(boldBalancedPerLine(description)).toBe(true);
      const blocks = description.split(/\n\n(?=\*\*\d+\.\*\* )/);
      expect(blocks).toHaveLength(count);
      blocks.forEach((block, i) => {
        const shown = block
          .split('\n')
          .slice(1)
          .map((l) => l.replace(/^> ?/, ''))
          .join('\n')
          .replace(/\\(.)|\*\*/g, (m, c: string | undefined) => c ?? '')
          .replaceAll('\u200b', '')
          .split('…')
          .map((s) => s.replace(/\s+/g, ' ').trim())
          .filter(Boolean);
        const source = (passages[i]?.passage.text ?? '').replace(/\s+/g, ' ');
        for (const part of shown) expect(source).toContain(part);
      });
    }
  });
});
