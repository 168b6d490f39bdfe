import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../ingest/clean-article.js';
import { AppError } from '../src/errors.js';
import type { Document, RawSource } from '../src/types.js';

const root = path.resolve(import.meta.dirname, '..');
const read = (relative: string) => readFileSync(path.join(root, relative), 'utf8');

const source = (content: string, format: RawSource['format'] = 'text', id = 'input.txt'): RawSource => ({
  id,
  location: `/tmp/${id}`,
  format,
  content,
  contentHash: 'hash',
});

const paragraphTexts = (document: Document): string[] => document.paragraphs.map((p) => document.text.slice(p.start, p.end));

/** Every paragraph is addressable by its offsets and the text is exactly the paragraphs joined by blank lines. */
function expectConsistent(document: Document): void {
  const texts = paragraphTexts(document);
  expect(document.text).toBe(texts.join('\n\n'));
  document.paragraphs.forEach((p, k) => expect(p.number).toBe(k + 1));
}

describe('cleanArticle on the bundled article', () => {
  const raw = read('ingest/corpus/article.txt');
  const document = cleanArticle(source(raw, 'text', 'ingest/corpus/article.txt'));
  const paragraphs = paragraphTexts(document);
  const lines = raw.split('\n').map((l) => l.trim());

  it('keeps exactly the twelve article paragraphs, word for word, in order', () => {
    expect(paragraphs).toHaveLength(12);
    expect(paragraphs[0]).toMatch(/^Ironically, just when/u);
    expect(paragraphs[11]).toBe(
      'A vain and boastful accidental president, incapable of telling his nation’s friends from its foes, is doubly dangerous to the U.S. and its allies.',
    );
    // Each paragraph is a whole line of the source, character for character (curly quotes included).
    for (const p of paragraphs) expect(lines).toContain(p);
    const order = paragraphs.map((p) => lines.indexOf(p));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expectConsistent(document);
  });

  it('keeps title, standfirst, author and section as metadata, not as paragraphs', () => {
    expect(document.metadata).toEqual({
      section: 'Analysis',
      title: 'Trump’s Leak of Israeli Secrets Threatens an Intimate Intelligence Relationship',
      standfirst: 'Israeli officers now know that the commander-in-chief of their American counterparts is clearly compromised',
      author: 'Anshel Pfeffer',
    });
    for (const value of Object.values(document.metadata)) expect(paragraphs).not.toContain(value);
  });

  it('drops promotion lines, captions, bylines, account prompts and the teasers after the article', () => {
    const kept = new Set(paragraphs);
    const dropped = lines.filter((l) => l !== '' && !kept.has(l));
    // Everything before the first paragraph and after the last one is gone, and so are the lines between.
    const first = lines.indexOf(paragraphs[0]!);
    const last = lines.indexOf(paragraphs[11]!);
    const outside = lines.filter((l, k) => l !== '' && (k < first || k > last));
    for (const line of outside) expect(document.text).not.toContain(line);
    expect(dropped.filter((l) => lines.indexOf(l) > first && lines.indexOf(l) < last).every((l) => l.startsWith('>>'))).toBe(true);
    expect(document.text).not.toMatch(/>>|Credit:|Subscribe|LOG IN|alert icon|subscriber comments/u);
  });

  it('keeps the document identity from the source', () => {
    expect(document.id).toBe('ingest/corpus/article.txt');
    expect(document.contentHash).toBe('hash');
  });
});

describe('cleanArticle on a page saved from another site', () => {
  const raw = read('test/fixtures/sources/other-site-saved.txt');
  const document = cleanArticle(source(raw));
  const paragraphs = paragraphTexts(document);

  it('finds the four article paragraphs between the header and the trailing teasers', () => {
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[0]).toMatch(/^On a cold Monday morning/u);
    expect(paragraphs[3]).toMatch(/than any new motorway\.$/u);
    expect(document.text).not.toMatch(/READ MORE|newsletter|ADVERTISEMENT|Share this|Comments are closed|Most popular|sourdough|Photo:|Okonkwo/u);
    expectConsistent(document);
  });

  it('reads the byline, title, standfirst and section label from the header', () => {
    expect(document.metadata).toEqual({
      section: 'OPINION',
      title: 'The Quiet Collapse of the Regional Rail Network',
      standfirst: 'Years of deferred maintenance have left commuters stranded, and the budget offers no relief',
      author: 'Maria Okonkwo',
    });
  });
});

describe('cleanArticle on a page with navigation and newsletter small print', () => {
  const document = cleanArticle(source(read('test/fixtures/sources/newsletter-site-saved.txt')));

  it('keeps the four story paragraphs, including the short closing one, and nothing of the page', () => {
    const paragraphs = paragraphTexts(document);
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[0]).toMatch(/^When the water finally drained/u);
    expect(paragraphs[2]).toMatch(/^"We had ten minutes," said Joan Price/u);
    expect(paragraphs[3]).toBe('The council said the warning system had worked as designed and that it would review its procedures.');
    expect(document.text).not.toMatch(/Skip to|Sign in|Photograph:|newsletter|Privacy|Explore more|Reuse|Most viewed|Drought|BST/iu);
  });

  it('keeps a story paragraph that merely mentions subscribers and newsletters', () => {
    const story = ['The company said its writers now reach two million paying subscribers through their newsletters.', '', 'Revenue doubled in a year.'].join('\n');
    expect(paragraphTexts(cleanArticle(source(story)))).toEqual([
      'The company said its writers now reach two million paying subscribers through their newsletters.',
      'Revenue doubled in a year.',
    ]);
  });
});

describe('cleanArticle on header variants', () => {
  const body =
    'Passenger numbers on the northern line fell by a third last year, the operator said on Tuesday, as cancellations reached their highest level since records began in the 1990s.';

  it('takes a question headline as the title and skips date lines and reading times', () => {
    const page = ['World News |', 'Is the Regional Rail Network Collapsing?', 'Published: May 17, 2017 10:24 AM', '5 min read', '', body, '', 'The operator blamed the signals.'].join('\n');
    const document = cleanArticle(source(page));
    expect(paragraphTexts(document)).toEqual([body, 'The operator blamed the signals.']);
    expect(document.metadata).toEqual({ section: 'World News', title: 'Is the Regional Rail Network Collapsing?' });
  });

  it('keeps list items and subheadings a person wrote around the prose', () => {
    const markdown = ['# Rail notes', '', '- Fewer passengers.', '- More cancellations', '', body, '', '## Next steps', '', 'Write to the operator.'].join('\n');
    const document = cleanArticle(source(markdown, 'text', 'rail.md'));
    expect(document.metadata.title).toBe('Rail notes');
    expect(paragraphTexts(document)).toEqual(['- Fewer passengers.', '- More cancellations', body, '## Next steps', 'Write to the operator.']);
  });
});

describe('cleanArticle on clean input', () => {
  it('keeps every ordinary paragraph of a plain text file, including short ones', () => {
    const paragraphs = [
      'We walked to the harbour before breakfast.',
      'Yes.',
      'The boats were already out, and the fish market smelled of salt and diesel. She declined to comment on the prices, but the stall owners were happy to talk about the weather.',
      'By noon it rained.',
      'We went home.',
    ];
    const document = cleanArticle(source(`${paragraphs.join('\n\n')}\n`));
    expect(paragraphTexts(document)).toEqual(paragraphs);
    expectConsistent(document);
  });

  it('keeps a single paragraph, and a single line with no punctuation', () => {
    expect(paragraphTexts(cleanArticle(source('Only one paragraph here, and it is short.')))).toEqual(['Only one paragraph here, and it is short.']);
    expect(paragraphTexts(cleanArticle(source('  notes about the meeting  \n')))).toEqual(['notes about the meeting']);
  });

  it('joins a hard-wrapped paragraph into one and handles Windows line endings', () => {
    const wrapped = [
      'The committee met on Thursday to review the proposal for a new',
      'bridge across the river. Members raised concerns about the cost',
      'and the timetable.',
      '',
      'A second meeting is planned.',
    ].join('\r\n');
    expect(paragraphTexts(cleanArticle(source(wrapped)))).toEqual([
      'The committee met on Thursday to review the proposal for a new bridge across the river. Members raised concerns about the cost and the timetable.',
      'A second meeting is planned.',
    ]);
  });

  it('keeps the prose of a markdown file and takes its first heading as the title', () => {
    const markdown = [
      '# Field notes from the coast',
      '',
      'The tide came in faster than the tables predicted, and the lower path was under water by four.',
      '',
      '## What we saw',
      '',
      '- Two seals near the breakwater.',
      '- A heron fishing in the shallows.',
      '',
      'Next time we will start an hour earlier.',
    ].join('\n');
    const document = cleanArticle(source(markdown, 'text', 'notes.md'));
    expect(document.metadata.title).toBe('Field notes from the coast');
    expect(paragraphTexts(document)).toEqual([
      'The tide came in faster than the tables predicted, and the lower path was under water by four.',
      '## What we saw',
      '- Two seals near the breakwater.',
      '- A heron fishing in the shallows.',
      'Next time we will start an hour earlier.',
    ]);
  });

  it('reads markdown front matter as metadata', () => {
    const document = cleanArticle(source('---\ntitle: "Harbour report"\nauthor: Sam Lee\n---\n\nThe harbour was busy today.\n'));
    expect(document.metadata).toEqual({ title: 'Harbour report', author: 'Sam Lee' });
    expect(paragraphTexts(document)).toEqual(['The harbour was busy today.']);
  });
});

describe('cleanArticle on HTML', () => {
  const textVersion = paragraphTexts(cleanArticle(source(read('ingest/corpus/article.txt'))));
  const page = read('test/fixtures/sources/article-page.html');
  const document = cleanArticle(source(page, 'html', 'test/fixtures/sources/article-page.html'));
  const paragraphs = paragraphTexts(document);

  it('extracts the twelve article paragraphs from a page with navigation, sidebar, teasers, footer and scripts', () => {
    expect(paragraphs).toEqual(textVersion);
    expectConsistent(document);
  });

  it('leaves out the page around the article', () => {
    expect(document.text).not.toMatch(
      /cookies|Privacy policy|Most Read|More from the Courier|Lake Kinneret|Yair Lapid|Subscribe|LOG IN|All rights reserved|Share on Facebook|alert icon|>>|gtag|Credit:|Daily Courier/u,
    );
  });

  it('takes title, author, standfirst and section from the page metadata', () => {
    expect(document.metadata).toEqual({
      title: 'Trump’s Leak of Israeli Secrets Threatens an Intimate Intelligence Relationship',
      author: 'Anshel Pfeffer',
      standfirst: 'Israeli officers now know that the commander-in-chief of their American counterparts is clearly compromised',
      section: 'Analysis',
    });
  });

  it('falls back to the heading and byline when the page declares no metadata', () => {
    const html = `<!doctype html><html><head><title>Harbour report | Coast News</title></head><body>
      <nav><a href="/">Home</a> <a href="/news">News</a></nav>
      <article><h1>Harbour report</h1><p class="byline">By Sam Lee</p>
      <p>The harbour was busier than it has been for years, with boats queueing at the entrance from dawn.</p>
      <p>Harbour staff said the new pontoons had doubled the number of visiting yachts since spring.</p>
      <ul><li>Fuel prices rose again.</li><li>The cafe reopened.</li></ul></article>
      <footer>© Coast News</footer></body></html>`;
    const cleaned = cleanArticle(source(html, 'html', 'report.html'));
    expect(cleaned.metadata.title).toMatch(/^Harbour report/u);
    expect(paragraphTexts(cleaned)).toEqual([
      'The harbour was busier than it has been for years, with boats queueing at the entrance from dawn.',
      'Harbour staff said the new pontoons had doubled the number of visiting yachts since spring.',
      'Fuel prices rose again.',
      'The cafe reopened.',
    ]);
  });
});

describe('cleanArticle when nothing is left', () => {
  it('throws SOURCE_CLEANS_TO_NOTHING naming the source for a page of clutter', () => {
    const clutter = '>> Get the app >>\n\nSubscribe today and save 40%\n\nAlready signed up? LOG IN\n';
    const run = () => cleanArticle(source(clutter, 'text', 'promo.txt'));
    expect(run).toThrow(AppError);
    try {
      run();
    } catch (error) {
      expect((error as AppError).code).toBe('SOURCE_CLEANS_TO_NOTHING');
      expect((error as AppError).message).toContain('promo.txt');
      expect((error as AppError).message).not.toContain('\n');
    }
  });

  it('throws SOURCE_CLEANS_TO_NOTHING for HTML with no text', () => {
    const html = '<!doctype html><html><head><script>var a = 1;</script></head><body><nav><a href="/">Home</a></nav></body></html>';
    expect(() => cleanArticle(source(html, 'html', 'empty.html'))).toThrow(expect.objectContaining({ code: 'SOURCE_CLEANS_TO_NOTHING' }));
  });
});
