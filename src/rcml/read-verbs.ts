import { tag } from './clip.ts';
import { REJECT_NOT_FIRST, SCHEMA_VIOLATION, VERB_NOT_SUPPORTED } from './codes.ts';
import type { ParseContext } from './context.ts';
import { readGather } from './gather.ts';
import { readRecord } from './record.ts';
import type { GatherChild, RcmlDocument, Verb } from './types.ts';
import { readHangup, readPause, readPlay, readRedirect, readReject, readSay } from './verbs.ts';
import {
  GATHER_CHILDREN,
  NOUN_PARENTS,
  RUNNABLE_VERBS,
  SSML_CHILDREN,
  UNSUPPORTED_VERBS,
} from './vocabulary.ts';
import type { XmlElement } from './xml-tree.ts';

function reportSchema(context: ParseContext, message: string, offset: number): void {
  context.report(context.profile.schemaSeverity, SCHEMA_VIOLATION, message, offset);
}

/** Non-blank text directly inside an element that holds verbs (`<Response>`, `<Gather>`). */
function checkText(context: ParseContext, parent: XmlElement): void {
  const hasText = parent.children.some((child) => child.kind === 'text' && child.value.trim() !== '');
  if (hasText) {
    reportSchema(
      context,
      `${tag(parent.name)} contains text outside any verb; it is ignored`,
      parent.startOffset,
    );
  }
}

/** SSML inside twilio's `<Say>`: each element checked against what its parent may hold (SPEC §7). */
function checkSsml(context: ParseContext, element: XmlElement): void {
  const allowed = SSML_CHILDREN.get(element.name) ?? new Set<string>();
  for (const child of element.children) {
    if (child.kind !== 'element') continue;
    if (!allowed.has(child.name)) {
      const what = SSML_CHILDREN.has(child.name) ? 'an SSML element' : 'not SSML';
      const where =
        element.name === 'Say'
          ? `<Say> holds only SSML (${[...allowed].join(', ')})`
          : `${tag(element.name)} may hold ${allowed.size === 0 ? 'text only' : [...allowed].join(', ')}`;
      reportSchema(
        context,
        `${tag(child.name)} (${what}) cannot be nested inside ${tag(element.name)}: ${where}`,
        child.startOffset,
      );
      continue;
    }
    checkSsml(context, child);
  }
}

/** Elements nested in a verb that takes none: reported, and ignored. */
function checkNoNestedElements(context: ParseContext, element: XmlElement): void {
  const { profile } = context;
  if (element.name === 'Say' && profile.ssmlInSay) {
    checkSsml(context, element);
    return;
  }
  const ignored = element.name === 'Record' && profile.ignoreNestedInRecord;
  const takesParameters = profile.parameterParents.includes(element.name);
  for (const child of element.children) {
    if (child.kind !== 'element') continue;
    // twilio's <Parameter name value/> (SPEC §7): allowed, no effect in the sandbox.
    if (takesParameters && child.name === 'Parameter') continue;
    const message = `${tag(child.name)} is nested inside ${tag(element.name)}, which takes no nested elements`;
    if (ignored) {
      context.report('warning', SCHEMA_VIOLATION, `${message}; it is ignored`, child.startOffset);
    } else {
      reportSchema(context, message, child.startOffset);
    }
  }
}

function readGatherChildren(context: ParseContext, gather: XmlElement): GatherChild[] {
  checkText(context, gather);
  const children: GatherChild[] = [];
  for (const child of gather.children) {
    if (child.kind !== 'element') continue;
    if (!GATHER_CHILDREN.has(child.name)) {
      reportSchema(
        context,
        `${tag(child.name)} cannot be nested inside <Gather>: only <Say>, <Play> and <Pause> can`,
        child.startOffset,
      );
      continue;
    }
    checkNoNestedElements(context, child);
    if (child.name === 'Say') children.push(readSay(context, child));
    else if (child.name === 'Play') children.push(readPlay(context, child));
    else children.push(readPause(context, child));
  }
  return children;
}

function readVerb(context: ParseContext, element: XmlElement): Verb {
  if (element.name === 'Gather') return readGather(context, element, readGatherChildren(context, element));
  checkNoNestedElements(context, element);
  switch (element.name) {
    case 'Record':
      return readRecord(context, element);
    case 'Say':
      return readSay(context, element);
    case 'Play':
      return readPlay(context, element);
    case 'Pause':
      return readPause(context, element);
    case 'Redirect':
      return readRedirect(context, element);
    case 'Reject':
      return readReject(context, element);
    default:
      return readHangup(context, element);
  }
}

/** An element where a verb may stand: a verb is read, anything else reported (and, depth-first, searched). */
function readElement(context: ParseContext, element: XmlElement, document: RcmlDocument): void {
  const { name } = element;
  if (RUNNABLE_VERBS.has(name)) {
    document.verbs.push(readVerb(context, element));
  } else if (UNSUPPORTED_VERBS.has(name)) {
    document.skipped.push({ name, position: context.positions.at(element.startOffset) });
    context.report(
      'warning',
      VERB_NOT_SUPPORTED,
      `<${name}> is not supported in the sandbox; it is skipped`,
      element.startOffset,
    );
  } else if (NOUN_PARENTS.has(name)) {
    reportSchema(
      context,
      `<${name}> is a noun that belongs inside <${NOUN_PARENTS.get(name)}>, not a verb`,
      element.startOffset,
    );
  } else if (context.profile.anyRoot) {
    reportSchema(
      context,
      `${tag(name)} is not an RCML verb; verbs inside it are still run`,
      element.startOffset,
    );
    readChildren(context, element, document);
  } else {
    reportSchema(context, `${tag(name)} is not an RCML verb`, element.startOffset);
  }
}

function readChildren(context: ParseContext, parent: XmlElement, document: RcmlDocument): void {
  for (const child of parent.children) {
    if (child.kind === 'element') readElement(context, child, document);
  }
}

/** The verbs of a document from its root element, in document order (SPEC §1), and those it skips. */
export function readVerbs(context: ParseContext, root: XmlElement): RcmlDocument {
  const document: RcmlDocument = { verbs: [], skipped: [] };
  const { verbs } = document;
  if (root.name === 'Response') {
    checkText(context, root);
    readChildren(context, root, document);
  } else if (context.profile.anyRoot) {
    reportSchema(
      context,
      `The root element is ${tag(root.name)}, not <Response>; accepted`,
      root.startOffset,
    );
    if (RUNNABLE_VERBS.has(root.name) || UNSUPPORTED_VERBS.has(root.name))
      readElement(context, root, document);
    else readChildren(context, root, document);
  } else {
    reportSchema(context, `The root element is ${tag(root.name)}, not <Response>`, root.startOffset);
  }
  verbs.forEach((verb, index) => {
    if (verb.kind === 'Reject' && index > 0) {
      context.reportAt(
        'warning',
        REJECT_NOT_FIRST,
        '<Reject> is not the first verb: the call is already answered when it runs',
        verb.position,
      );
    }
  });
  return document;
}
