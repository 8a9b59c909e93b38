/**
 * Handler code that verifies an InboundFlow signature correctly, one per language, to copy.
 * Each one: HMAC-SHA256 over "<X-InboundFlow-Timestamp>.<raw body bytes>" (never re-serialized
 * JSON), a constant-time comparison that returns false (never throws) on a different length, and
 * a 300-second timestamp tolerance. tests/renderer/verify-snippets.test.ts runs the Node.js and
 * Python ones for real.
 */

export type SnippetLanguage = 'node' | 'python' | 'go' | 'ruby' | 'php';

export interface VerifySnippet {
  language: SnippetLanguage;
  label: string;
  /** What it runs on, shown next to the code. */
  runtime: string;
  code: string;
}

/** The environment variable every snippet reads the secret from. */
export const SECRET_ENV = 'INBOUNDFLOW_SIGNING_SECRET';
export const TOLERANCE_SECONDS = 300;

const NODE = `// Verify InboundFlow webhooks: Node.js 18+ with Express 4 or 5.
const crypto = require('node:crypto');
const express = require('express');

// The signing secret from InboundFlow → Settings → Integrations.
const SIGNING_SECRET = process.env.${SECRET_ENV};
if (!SIGNING_SECRET) throw new Error('Set ${SECRET_ENV}');
const TOLERANCE_SECONDS = ${TOLERANCE_SECONDS};

// rawBody must be the bytes that arrived (a Buffer), never JSON.stringify(req.body):
// re-serialized JSON can differ from what InboundFlow signed.
function verifyInboundFlowSignature(
  rawBody, timestamp, signature, secret, nowSeconds = Math.floor(Date.now() / 1000),
) {
  if (!Buffer.isBuffer(rawBody) || typeof signature !== 'string') return false;
  if (typeof timestamp !== 'string' || !/^[0-9]{1,15}$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) return false;

  const hmac = crypto.createHmac('sha256', secret).update(timestamp + '.').update(rawBody);
  const expected = Buffer.from('sha256=' + hmac.digest('hex'));
  const received = Buffer.from(signature);
  // timingSafeEqual throws on different lengths: check the length first.
  return received.length === expected.length && crypto.timingSafeEqual(received, expected);
}

const app = express();

// express.raw keeps req.body as the exact bytes; no express.json() before this route.
app.post('/webhooks/inboundflow', express.raw({ type: 'application/json' }), (req, res) => {
  const valid = verifyInboundFlowSignature(
    req.body,
    req.get('X-InboundFlow-Timestamp'),
    req.get('X-InboundFlow-Signature'),
    SIGNING_SECRET,
  );
  if (!valid) return res.status(401).send('invalid signature');

  const event = JSON.parse(req.body.toString('utf8'));
  // Answer within 10 s; deduplicate on event.delivery_id (a redelivery keeps it).
  res.sendStatus(200);
});

app.listen(3000);
`;

const PYTHON = `# Verify InboundFlow webhooks: Python 3.8+ with Flask 2+.
import hashlib
import hmac
import json
import os
import re
import time

from flask import Flask, abort, request

# The signing secret from InboundFlow → Settings → Integrations.
SIGNING_SECRET = os.environ["${SECRET_ENV}"]
TOLERANCE_SECONDS = ${TOLERANCE_SECONDS}


def verify_inboundflow_signature(
    raw_body: bytes, timestamp, signature, secret: str, now=None
) -> bool:
    """raw_body must be the bytes that arrived, never json.dumps(request.json)."""
    if not isinstance(timestamp, str) or not re.fullmatch(r"[0-9]{1,15}", timestamp):
        return False
    if not isinstance(signature, str):
        return False
    now = int(time.time()) if now is None else now
    if abs(now - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    signed = timestamp.encode("ascii") + b"." + raw_body
    mac = hmac.new(secret.encode("utf-8"), signed, hashlib.sha256)
    expected = "sha256=" + mac.hexdigest()
    # compare_digest is constant-time and returns False for different lengths.
    return hmac.compare_digest(expected.encode("utf-8"), signature.encode("utf-8"))


app = Flask(__name__)


@app.post("/webhooks/inboundflow")
def inboundflow_webhook():
    raw_body = request.get_data()  # the exact bytes; read them before request.json
    if not verify_inboundflow_signature(
        raw_body,
        request.headers.get("X-InboundFlow-Timestamp"),
        request.headers.get("X-InboundFlow-Signature"),
        SIGNING_SECRET,
    ):
        abort(401)
    event = json.loads(raw_body)
    # Answer within 10 s; deduplicate on event["delivery_id"] (a redelivery keeps it).
    return "", 200
`;

const GO = `// Verify InboundFlow webhooks: Go 1.19+, standard library only.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"time"
)

const toleranceSeconds = ${TOLERANCE_SECONDS}

var unixSeconds = regexp.MustCompile(\`^[0-9]{1,15}$\`)

// verifyInboundFlowSignature checks
// "sha256=" + hex(HMAC-SHA256(secret, "<timestamp>.<raw body>")).
// rawBody must be the bytes read from the request, never re-encoded JSON.
func verifyInboundFlowSignature(
	rawBody []byte, timestamp, signature, secret string, now time.Time,
) bool {
	if !unixSeconds.MatchString(timestamp) {
		return false
	}
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return false
	}
	if age := now.Unix() - ts; age > toleranceSeconds || age < -toleranceSeconds {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp + "."))
	mac.Write(rawBody)
	expected := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	// hmac.Equal is constant-time and returns false for different lengths.
	return hmac.Equal([]byte(expected), []byte(signature))
}

func main() {
	// The signing secret from InboundFlow → Settings → Integrations.
	secret := os.Getenv("${SECRET_ENV}")
	if secret == "" {
		log.Fatal("set ${SECRET_ENV}")
	}
	http.HandleFunc("/webhooks/inboundflow", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		rawBody, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 10<<20))
		if err != nil {
			http.Error(w, "cannot read body", http.StatusBadRequest)
			return
		}
		timestamp := r.Header.Get("X-InboundFlow-Timestamp")
		signature := r.Header.Get("X-InboundFlow-Signature")
		if !verifyInboundFlowSignature(rawBody, timestamp, signature, secret, time.Now()) {
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		var event struct {
			Event      string \`json:"event"\`
			DeliveryID string \`json:"delivery_id"\`
		}
		if err := json.Unmarshal(rawBody, &event); err != nil {
			http.Error(w, "body is not JSON", http.StatusBadRequest)
			return
		}
		// Answer within 10 s; deduplicate on event.DeliveryID (a redelivery keeps it).
		w.WriteHeader(http.StatusOK)
	})
	log.Fatal(http.ListenAndServe(":3000", nil))
}
`;

const RUBY = `# Verify InboundFlow webhooks: Ruby 2.7+ with Sinatra (Rack 2 or 3).
require 'json'
require 'openssl'
require 'rack/utils'
require 'sinatra'

# The signing secret from InboundFlow → Settings → Integrations.
SIGNING_SECRET = ENV.fetch('${SECRET_ENV}')
TOLERANCE_SECONDS = ${TOLERANCE_SECONDS}

# raw_body must be the bytes that arrived (request.body.read), never re-generated JSON.
def verify_inboundflow_signature(raw_body, timestamp, signature, secret,
                                 now: Time.now.to_i)
  return false unless timestamp.is_a?(String) && timestamp.match?(/\\A[0-9]{1,15}\\z/)
  return false unless signature.is_a?(String)
  return false if (now - timestamp.to_i).abs > TOLERANCE_SECONDS

  signed = "#{timestamp}.".b + raw_body.b
  expected = 'sha256=' + OpenSSL::HMAC.hexdigest('SHA256', secret, signed)
  # A different length is simply false; then compare in constant time.
  return false unless expected.bytesize == signature.bytesize

  Rack::Utils.secure_compare(expected, signature)
end

post '/webhooks/inboundflow' do
  raw_body = request.body.read
  halt 401, 'invalid signature' unless verify_inboundflow_signature(
    raw_body,
    request.env['HTTP_X_INBOUNDFLOW_TIMESTAMP'],
    request.env['HTTP_X_INBOUNDFLOW_SIGNATURE'],
    SIGNING_SECRET
  )
  event = JSON.parse(raw_body)
  # Answer within 10 s; deduplicate on event['delivery_id'] (a redelivery keeps it).
  status 200
end
`;

const PHP = `<?php
// Verify InboundFlow webhooks: PHP 7.4+ or 8.x, no framework.
const TOLERANCE_SECONDS = ${TOLERANCE_SECONDS};

/** $rawBody must be the bytes that arrived (php://input), never re-encoded JSON. */
function verify_inboundflow_signature(
    string $rawBody,
    ?string $timestamp,
    ?string $signature,
    string $secret,
    ?int $now = null
): bool {
    if ($timestamp === null || $signature === null) {
        return false;
    }
    if (!preg_match('/\\A[0-9]{1,15}\\z/', $timestamp)) {
        return false;
    }
    $now = $now ?? time();
    if (abs($now - (int) $timestamp) > TOLERANCE_SECONDS) {
        return false;
    }
    $expected = 'sha256=' . hash_hmac('sha256', $timestamp . '.' . $rawBody, $secret);
    // hash_equals is constant-time and returns false for different lengths.
    return hash_equals($expected, $signature);
}

// The signing secret from InboundFlow → Settings → Integrations.
$secret = getenv('${SECRET_ENV}');
if (!is_string($secret) || $secret === '') {
    http_response_code(500);
    exit('${SECRET_ENV} is not set');
}

$rawBody = (string) file_get_contents('php://input');
$timestamp = $_SERVER['HTTP_X_INBOUNDFLOW_TIMESTAMP'] ?? null;
$signature = $_SERVER['HTTP_X_INBOUNDFLOW_SIGNATURE'] ?? null;
if (!verify_inboundflow_signature($rawBody, $timestamp, $signature, $secret)) {
    http_response_code(401);
    exit('invalid signature');
}

$event = json_decode($rawBody, true);
// Answer within 10 s; deduplicate on $event['delivery_id'] (a redelivery keeps it).
http_response_code(200);
`;

export const VERIFY_SNIPPETS: readonly VerifySnippet[] = [
  { language: 'node', label: 'Node.js', runtime: 'Node.js 18+ · Express', code: NODE },
  { language: 'python', label: 'Python', runtime: 'Python 3.8+ · Flask', code: PYTHON },
  { language: 'go', label: 'Go', runtime: 'Go 1.19+ · net/http', code: GO },
  { language: 'ruby', label: 'Ruby', runtime: 'Ruby 2.7+ · Sinatra', code: RUBY },
  { language: 'php', label: 'PHP', runtime: 'PHP 7.4+ · plain', code: PHP },
];

export function verifySnippet(language: SnippetLanguage): VerifySnippet {
  return VERIFY_SNIPPETS.find((snippet) => snippet.language === language) ?? VERIFY_SNIPPETS[0];
}
