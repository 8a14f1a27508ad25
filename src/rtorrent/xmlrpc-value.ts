/**
 * A decoded XML-RPC value. Integers are numbers while they are safe, bigints beyond 2^53, so
 * byte counters stay exact; `<nil/>` is null; `<base64>` is a Buffer; `<dateTime.iso8601>`
 * stays the string that was sent.
 */
export type XmlRpcValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | Buffer
  | XmlRpcValue[]
  | { [member: string]: XmlRpcValue };

/** A `<fault>` reply: rTorrent's code and message. */
export interface XmlRpcFault {
  faultCode: number;
  faultString: string;
}

/** What a whole `<methodResponse>` holds: one value, or a fault. */
export type XmlRpcReply = { value: XmlRpcValue } | { fault: XmlRpcFault };
