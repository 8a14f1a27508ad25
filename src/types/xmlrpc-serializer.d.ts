// The `xmlrpc` package's request encoder, which its own typings do not declare.
declare module 'xmlrpc/lib/serializer.js' {
  export function serializeMethodCall(method: string, params: unknown[], encoding?: string): string;
}
