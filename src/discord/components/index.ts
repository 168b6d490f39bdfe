// The component loader: every button module, once, keyed by its custom_id prefix.
import { askSuggestion } from './ask-suggestion.js';
import type { ButtonComponent } from './component.js';
import { followUpThread } from './follow-up-thread.js';
import { fullPassages } from './full-passages.js';
import { morePassages } from './more-passages.js';
import { vote } from './vote.js';

/** Every button the bot puts under its messages. */
export const components: readonly ButtonComponent[] = [morePassages, fullPassages, vote, followUpThread, askSuggestion];
