/**
 * Whether a request of the call is answered with the call's document (the pasted RCML, or what
 * `simulateCall`'s `rcml` holds): its target, the URL before the call's parameters were added to a GET's
 * query, is the document URL itself, query included (fragments never count). A POST to
 * `/voice.xml?step=2` is another resource, answered like any other URL. Used by the browser's mock server
 * and by simulateCall alike.
 */
export function servesDocument(target: string, documentUrl: string): boolean {
  try {
    const a = new URL(target);
    const b = new URL(documentUrl);
    a.hash = '';
    b.hash = '';
    return a.href === b.href;
  } catch {
    return false;
  }
}
