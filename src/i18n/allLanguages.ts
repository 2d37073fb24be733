/**
 * Every catalogue at once, for Node's callers (the CLI, the server, the tests), which answer in any language at
 * once; the page loads the non-default ones when chosen (translate.ts, loadLanguage).
 */
import { en } from './en.ts';
import { registerLanguage } from './translate.ts';

registerLanguage('en', en);
