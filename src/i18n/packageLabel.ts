import { labelIn } from './translate.ts';

/**
 * The package's texts are in Czech whatever the UI language: ČTÚ reads Czech. Parameters and plurals are filled in
 * (the letter's counts); a key without a text stays as is.
 */
export const packageLabel = labelIn('cs');
