import { describe, expect, it } from 'vitest';
import { AppError, InternalError, isAppError, toUserMessage, UsageError } from '../src/errors.js';

describe('the error family', () => {
  it('shows a user the one-line message of every AppError, usage errors included', () => {
    const usage = new UsageError('ask needs a question');
    expect(isAppError(usage)).toBe(true);
    expect(usage.code).toBe('USAGE');
    expect(toUserMessage(usage)).toBe('ask needs a question');
    expect(toUserMessage(new AppError('SOURCE_EMPTY', 'The source is empty.'))).toBe('The source is empty.');
  });

  it('hides the wording of internal failures and of anything that is not an AppError behind one generic line', () => {
    const generic = toUserMessage(new Error('TypeError at line 3'));
    expect(generic).toMatch(/Something went wrong/);
    const internal = new InternalError('Passage a#1 is not the text at 0..5 of a.');
    expect(isAppError(internal)).toBe(true);
    expect(toUserMessage(internal)).toBe(generic);
  });
});
