import { cs } from './cs.ts';
import { translate, type MessageKey } from './translate.ts';

/** The package's texts are in Czech whatever the UI language: ČTÚ reads Czech. A key without a text stays as is. */
export const packageLabel = (key: string): string => (key in cs ? translate('cs', key as MessageKey) : key);
