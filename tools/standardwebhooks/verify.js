#!/usr/bin/env node
// Verifies one Standard Webhooks delivery with the npm `standardwebhooks`
// package, an implementation independent of Shortfuse's (server/webhooks):
//   node verify.js <secret> <webhook-id> <webhook-timestamp> <webhook-signature> < body
// Exit 0: the signature is valid (and the timestamp within its 5 minutes);
// 1: it is not (the reason on stderr); 2: bad use.
"use strict";
const { Webhook } = require("standardwebhooks");

const [secret, id, timestamp, signature] = process.argv.slice(2);
if (!secret || !id || !timestamp || !signature) {
    console.error("usage: verify.js <secret> <webhook-id> <webhook-timestamp> <webhook-signature> < body");
    process.exit(2);
}
const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    try {
        new Webhook(secret).verify(body, {
            "webhook-id": id,
            "webhook-timestamp": timestamp,
            "webhook-signature": signature,
        });
        process.exit(0);
    } catch (error) {
        console.error(`not verified: ${error.message}`);
        process.exit(1);
    }
});
