import { attributeOffsets } from './attribute-offsets.ts';
import type { PositionIndex } from './positions.ts';
import type { Profile } from './profiles.ts';
import type { Diagnostic, Position, Severity } from './types.ts';
import type { XmlElement } from './xml-tree.ts';

/** What reading one document needs: its text, the profile, and the diagnostics found so far. */
export class ParseContext {
  readonly diagnostics: Diagnostic[] = [];
  private readonly attributeOffsetCache = new WeakMap<XmlElement, Map<string, number>>();

  constructor(
    readonly text: string,
    readonly profile: Profile,
    readonly positions: PositionIndex,
  ) {}

  report(severity: Severity, code: number, message: string, offset: number): void {
    const { line, column } = this.positions.at(offset);
    this.diagnostics.push({ severity, code, message, line, column });
  }

  reportAt(severity: Severity, code: number, message: string, position: Position): void {
    const { line, column } = this.positions.clamp(position.line, position.column);
    this.diagnostics.push({ severity, code, message, line, column });
  }

  /** Offset of an attribute's name, or of its element when the attribute is not found in the start tag. */
  attributeOffset(element: XmlElement, name: string): number {
    let offsets = this.attributeOffsetCache.get(element);
    if (offsets === undefined) {
      offsets = attributeOffsets(this.text, element.startOffset);
      this.attributeOffsetCache.set(element, offsets);
    }
    return offsets.get(name) ?? element.startOffset;
  }

  hasError(): boolean {
    return this.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  }
}
