/**
 * A text a person wrote, made safe for a CSV cell: a spreadsheet runs a cell starting with =, +,
 * -, @ (or their full-width forms, or a tab or carriage return) as a formula, so a label such as
 * « =HYPERLINK(…) » would become a live link or worse on the reader's machine (CSV injection).
 * A leading apostrophe makes the spreadsheet show the text as written. Applied to text columns
 * only: csv-stringify's `escape_formulas` would also mark a negative amount formatted in euros
 * (« -50,01 € ») as text.
 */
export function spreadsheetText(text: string): string {
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? `'${text}` : text;
}
