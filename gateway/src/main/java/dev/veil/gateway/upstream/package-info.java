/**
 * A small HTTP/1.1 client for calls to brands' CRM APIs that runs on the calling connection's own
 * Netty event loop: a bounded keep-alive pool per event loop and origin, TLS with hostname
 * verification, connect and response timeouts, and bodies delivered chunk by chunk under the
 * caller's flow control (no thread waits, no body is held whole unless the caller buffers it).
 */
package dev.veil.gateway.upstream;
