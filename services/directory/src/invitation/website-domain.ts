/** The website as a URL with its scheme: "example.ac.jp/x" becomes "https://example.ac.jp/x". */
export function normaliseWebsite(website: string): string {
  const trimmed = website.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/**
 * The domain invitations are de-duplicated by: the host, lower-cased, without a leading
 * "www." ("https://www.example.ac.jp/x" and "http://example.ac.jp" are both "example.ac.jp").
 */
export function websiteDomain(website: string): string | null {
  try {
    const host = new URL(normaliseWebsite(website)).hostname.toLowerCase().replace(/\.$/, '');
    const domain = host.startsWith('www.') ? host.slice(4) : host;
    return /^[a-z0-9.-]{1,253}$/.test(domain) && domain.includes('.') ? domain : null;
  } catch {
    return null;
  }
}
