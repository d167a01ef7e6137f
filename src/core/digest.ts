/** SHA-256 hex digests via WebCrypto (available in browsers, Workers and Node 20). */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const hash = await globalThis.crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A fresh UUIDv4. */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}
