/**
 * The largest WebSocket message a client may send (the transport closes the connection with 1009
 * past it). It must fit the largest legal message: a `queue` of MAX_QUEUE_LENGTH (500) ids of up
 * to 64 characters is at most ~97 KB in msgpack (3 bytes a character at worst), a queue of 500
 * uuids ~19 KB. Colyseus's default, 4 KB, closed a manager sending a real 150-player queue.
 */
export const MAX_MESSAGE_BYTES = 128 * 1024;
