// Reads a folder of articles laid out as ../shared/eval/squad (one subfolder per article, holding
// article.txt and questions.jsonl): the eval, the answer dumps and every fitting/analysis script walk
// SQuAD folders through this one reader, so they agree on which articles a folder holds and in what order.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../src/errors.js';
import { readQuestions, type EvalQuestion } from './questions.js';

/** One article of a folder: its folder name, its article file and its questions. */
export interface ArticleSet {
  name: string;
  article: string;
  questions: EvalQuestion[];
}

/**
 * The articles of a folder laid out as ../shared/eval/squad: every subfolder holding `article.txt`
 * and `questions.jsonl`, in name order, questions parsed up front so a bad file fails before any
 * indexing. Throws AppError naming the folder when it has no article subfolder, the subfolder when it
 * lacks a file, and the file and line when a question line is malformed.
 */
export function readArticleFolder(dir: string, cwd: string): ArticleSet[] {
  const root = path.resolve(cwd, dir);
  let entries: string[];
  try {
    entries = readdirSync(root).sort();
  } catch (error) {
    throw new AppError('SOURCE_NOT_FOUND', `Cannot read the folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}. Pass a folder of article folders with --dir.`, { cause: error });
  }
  // Hidden entries (.git, .DS_Store) are not articles; an entry that cannot be stat'ed (a dangling link) is not a folder.
  const isFolder = (e: string) => {
    try {
      return statSync(path.join(root, e)).isDirectory();
    } catch {
      return false;
    }
  };
  const subfolders = entries.filter((e) => !e.startsWith('.') && isFolder(e));
  if (subfolders.length === 0) {
    throw new AppError('SOURCE_EMPTY', `The folder ${dir} has no article folders: each must hold article.txt and questions.jsonl.`);
  }
  return subfolders.map((name) => {
    const folder = path.join(root, name);
    const shown = path.join(dir, name);
    const has = (file: string) => {
      try {
        return statSync(path.join(folder, file)).isFile();
      } catch {
        return false;
      }
    };
    if (!has('article.txt')) throw new AppError('SOURCE_NOT_FOUND', `${shown} has no article.txt: each article folder must hold article.txt and questions.jsonl.`);
    if (!has('questions.jsonl')) throw new AppError('SOURCE_NOT_FOUND', `${shown} has no questions.jsonl: each article folder must hold article.txt and questions.jsonl.`);
    return { name, article: path.relative(cwd, path.join(folder, 'article.txt')), questions: readQuestions(path.join(folder, 'questions.jsonl'), path.join(shown, 'questions.jsonl')) };
  });
}
