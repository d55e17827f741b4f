// Which source URLs become links: only http(s). A stored document's URL is whatever its input said,
// and a `javascript:` or `data:` URL in an <a href> runs or shows the attacker's content on a click.
export function linkable(url) {
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null; // not an absolute URL
  }
}
