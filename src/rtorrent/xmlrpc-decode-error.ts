/** The bytes are not an XML-RPC reply; the message says where it went wrong. */
export class XmlRpcDecodeError extends Error {
  readonly code = 'ERR_XMLRPC_DECODE';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'XmlRpcDecodeError';
  }
}
