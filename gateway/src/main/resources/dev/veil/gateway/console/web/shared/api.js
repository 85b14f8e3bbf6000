// The one way the console talks to the gateway: same-origin fetch, the bearer token in the
// Authorization header (never a cookie, so another site cannot make the browser act for the user),
// JSON in and out, and the gateway's error contract ({"error", "detail"}) as ApiError.

export class ApiError extends Error {
  constructor(status, code, detail) {
    super(code + (detail ? ': ' + detail : ''));
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

export class Api {
  constructor() {
    this.token = null; // in memory only: a reload signs in again
    this.onSignedOut = () => {};
  }

  /** The answer's JSON; {notModified: true} for a 304; null for a 204. */
  async call(method, path, body, etag) {
    const headers = { Accept: 'application/json' };
    if (this.token) headers.Authorization = 'Bearer ' + this.token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (etag) headers['If-None-Match'] = etag;
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
    });
    if (response.status === 304) return { notModified: true, etag };
    if (response.status === 204) return null;
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    if (!response.ok) {
      if (response.status === 401) this.onSignedOut();
      throw new ApiError(response.status, (data && data.error) || 'http_' + response.status, (data && data.detail) || '');
    }
    const tag = response.headers.get('ETag');
    if (tag && data && typeof data === 'object') Object.defineProperty(data, 'etag', { value: tag });
    return data;
  }

  get(path, etag) {
    return this.call('GET', path, undefined, etag);
  }

  post(path, body) {
    return this.call('POST', path, body === undefined ? {} : body);
  }
}
