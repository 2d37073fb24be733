import { strToU8, zipSync } from 'fflate';

/**
 * An OpenDocument spreadsheet as LibreOffice Calc writes it: the stored "mimetype" first, content.xml with
 * repeated columns and rows, floats with a Czech display text, a date, a formula with its cached value, two sheets.
 */
export function libreOfficeOds(): Uint8Array {
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3">
 <office:body><office:spreadsheet>
  <table:table table:name="Hluchá místa">
   <table:table-column table:number-columns-repeated="5"/>
   <table:table-row>
    <table:table-cell office:value-type="string"><text:p>Obec</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>Zeměpisná šířka</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>Zeměpisná délka</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>Popis</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>Datum</text:p></table:table-cell>
   </table:table-row>
   <table:table-row>
    <table:table-cell office:value-type="string"><text:p>Boží Dar</text:p></table:table-cell>
    <table:table-cell office:value-type="float" office:value="50.4102"><text:p>50,4102</text:p></table:table-cell>
    <table:table-cell office:value-type="float" office:value="12.9247"><text:p>12,9247</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>U kapličky &amp; „vleku“</text:p></table:table-cell>
    <table:table-cell office:value-type="date" office:date-value="2025-03-07"><text:p>07.03.25</text:p></table:table-cell>
   </table:table-row>
   <table:table-row>
    <table:table-cell office:value-type="string"><text:p>Žlutice</text:p></table:table-cell>
    <table:table-cell table:formula="of:=50+0.0917" office:value-type="float" office:value="50.0917"><text:p>50,0917</text:p></table:table-cell>
    <table:table-cell office:value-type="float" office:value="13.1627"><text:p>13,1627</text:p></table:table-cell>
    <table:table-cell table:number-columns-repeated="2"/>
   </table:table-row>
   <table:table-row table:number-rows-repeated="1048573"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
  </table:table>
  <table:table table:name="List2"><table:table-row><table:table-cell office:value-type="string"><text:p>Obec</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>jiný list</text:p></table:table-cell></table:table-row></table:table>
 </office:spreadsheet></office:body>
</office:document-content>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
    'content.xml': strToU8(content),
    'styles.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3"><office:styles/></office:document-styles>',
    ),
    'META-INF/manifest.xml': strToU8(manifest),
  });
}
