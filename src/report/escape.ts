/**
 * Escaping for every place a string from a scenario or results file can land in a report.
 *
 * Reports are shared with people who did not write the scenario, so a name such as
 * `<img src=x onerror=alert(1)>` must show as text and run nothing, whether it lands in HTML
 * text, an HTML attribute, JSON inlined in a `<script>` element, or a Markdown table.
 * (Chart specs need no escaping: user strings only ever travel there as data values or
 * titles, which vega draws as text; they are never spliced into a vega expression.)
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside HTML element content and inside quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON safe to inline inside a `<script>` element: `<`, `>` and `&` become `\u003c`-style
 * escapes (so neither `</script>` nor `<!--` can end or alter the element), and so do U+2028
 * and U+2029 (line terminators in older JavaScript parsers). JSON.parse reads it unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A bundled script's source made safe to inline in a `<script>` element: a literal
 * `</script` inside a string would end the element early, so its `<` becomes the JavaScript
 * escape `\x3C` (the bundles are minified code where `</script` can only occur in strings).
 */
export function scriptForInline(source: string): string {
  return source.replace(/<\/(script)/gi, '\\x3C/$1').replace(/<!--/g, '\\x3C!--');
}

/**
 * Text safe inside a line of Markdown (a table cell, a heading, a list item, a link text):
 * `&`, `<` and `>` become entities first (so raw HTML renders as text in viewers that allow
 * it), then the characters that are active anywhere in a line get a backslash (emphasis,
 * code, links, table pipes, strikethrough, a heading's closing `#`), and line breaks become
 * spaces (a newline would end the table row or the list item). Hyphens in ids stay readable.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => HTML_ESCAPES[c]!)
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ')
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`);
}

/**
 * Text safe as a paragraph or list item of its own: as escapeMarkdown, and a leading block
 * marker (`-`/`+` list, `=` underline, `1.` ordered list) is neutralised too.
 */
export function escapeMarkdownBlock(text: string): string {
  return escapeMarkdown(text)
    .replace(/^(\s*)([+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}
