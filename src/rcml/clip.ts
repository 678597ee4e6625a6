/** Keeps text quoted in a message short: a pasted megabyte must not become a megabyte-long message. */
export function clip(text: string, maxChars = 60): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars)}…`;
}

/** An element name as a tag in a message: `<Name>`. */
export function tag(name: string): string {
  return `<${clip(name, 40)}>`;
}
