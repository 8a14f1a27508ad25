/** How long one call may take and how large its reply may grow. */
export interface ReplyLimits {
  timeoutMs: number;
  maxReplyBytes: number;
}

/** A decoded reply with the number of bytes that carried it. */
export interface TransportReply<T> {
  reply: T;
  bytes: number;
}
