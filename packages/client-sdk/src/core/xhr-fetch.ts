import type { UploadProgress } from '../types.js';
import type { Fetch } from './http.js';
import { onAbort } from './retry.js';

/**
 * A Fetch over XMLHttpRequest, for the one thing fetch cannot do in a browser: report how much
 * of the body is sent. It takes the plain-object headers the client sends.
 */
export function xhrFetch(onProgress: (progress: UploadProgress) => void): Fetch {
  return (url, { method, headers, body, signal }) =>
    new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method!, url);
      xhr.responseType = 'blob';
      for (const [name, value] of Object.entries(headers!)) xhr.setRequestHeader(name, value);
      // A ProgressEvent is an UploadProgress: it has `loaded` and `total`.
      xhr.upload.onprogress = onProgress;
      xhr.onload = () => {
        const received = new Headers();
        for (const [, name, value] of xhr.getAllResponseHeaders().matchAll(/^(.+?): (.*)$/gm)) {
          received.append(name!, value!);
        }
        resolve(new Response(xhr.response as Blob, { status: xhr.status, headers: received }));
      };
      // The client turns any rejection but its own errors into an AbortError or a NetworkError.
      xhr.onerror = xhr.onabort = reject;
      onAbort(signal!, () => xhr.abort());
      xhr.send(body as XMLHttpRequestBodyInit);
    });
}
