// The metadata part of an answer about the article itself, as plain lines every formatter (CLI,
// chat, Discord) shows above any quotes. Labelled as what the page says about itself ("Headline:",
// "By"), so a byline is never mistaken for a quote from the text. Pure.
import type { AboutAnswer } from '../types.js';

/** Lines describing the documents' metadata relevant to what was asked; empty when there is nothing to add. */
export function describeAbout(about: AboutAnswer): string[] {
  const lines: string[] = [];
  const many = about.documents.length > 1;
  if (about.topic === 'documents') {
    lines.push(`${about.total} document${about.total === 1 ? ' is' : 's are'} indexed:`);
    for (const d of about.documents) lines.push(`- ${d.title ? `“${d.title}”` : d.id}${d.author ? ` by ${d.author}` : ''} (${d.id}, ${d.paragraphs} paragraph${d.paragraphs === 1 ? '' : 's'})`);
    return lines;
  }
  for (const d of about.documents) {
    const name = d.title ? `“${d.title}”` : d.id;
    switch (about.topic) {
      case 'title':
        if (d.title) lines.push(`Headline: “${d.title}”${many ? ` (${d.id})` : ''}`);
        break;
      case 'standfirst':
        if (d.standfirst) lines.push(`Standfirst${many ? ` of ${name}` : ''}: “${d.standfirst}”`);
        break;
      case 'author':
        lines.push(d.author ? `${many ? `${name}: ` : ''}by ${d.author} (from the page's byline)` : `${name}: the page names no author`);
        break;
      case 'section':
        if (d.section) lines.push(`${many ? `${name}: ` : ''}filed under “${d.section}” (the page's section label)`);
        break;
      case 'date':
        lines.push(`${name}: the page gives no publication date`);
        break;
      default:
        // Summary, argument, opening, ending: say which article, then the quotes speak.
        lines.push(`${name}${d.author ? ` by ${d.author}` : ''}${d.standfirst ? ` — “${d.standfirst}”` : ''}`);
    }
  }
  if (about.total > about.documents.length) lines.push(`(${about.total - about.documents.length} more document${about.total - about.documents.length === 1 ? '' : 's'} indexed; ask “which documents are indexed?”)`);
  return lines;
}
