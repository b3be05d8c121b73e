// The published contract is open to additions in its responses, so that a
// client validating answers keeps working when the API adds a field. The suite
// still reads every answer strictly: these cases prove that an undocumented
// field fails it, wherever it is, while the published reading accepts it.
import { describe, expect, it } from "vitest";
import { operations } from "../src/spec.ts";
import { answerErrors, closeObjects, schemaErrors } from "../src/validator.ts";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const getCheckout = operations.find((operation) => operation.id === "getCheckout");
const proposal = getCheckout?.responses.find((response) => response.status === 200);

describe("answers are read strictly, the published contract stays open", () => {
  it("an undocumented top-level field: accepted as published, named when read strictly", () => {
    const answer = { id: "pro_9Tx4KbW7mLq2", url: null, surprise: 1 };
    expect(schemaErrors(ref("CheckoutCreated"), answer)).toEqual([]);
    expect(answerErrors(ref("CheckoutCreated"), answer)).toEqual([
      '(root) has "surprise", which the spec does not document',
    ]);
  });

  it("an undocumented field deep in a documented answer is named with its path", () => {
    const example = proposal && Object.values(proposal.examples)[0];
    if (!proposal || !example) {
      throw new Error("getCheckout has no documented 200 example");
    }
    const answer = structuredClone(example) as { customer: Record<string, unknown> };
    expect(answerErrors(proposal.schema, answer), "the documented example itself").toEqual([]);
    answer.customer.nickname = "Globex";
    expect(schemaErrors(proposal.schema, answer)).toEqual([]);
    expect(answerErrors(proposal.schema, answer)).toEqual([
      '/customer has "nickname", which the spec does not document',
    ]);
  });

  it("inside a oneOf branch, and in an error body", () => {
    expect(schemaErrors(ref("DeletedAt"), { valid: false, reason: "x" })).toEqual([]);
    expect(answerErrors(ref("DeletedAt"), { valid: false, reason: "x" })).toContain(
      '(root) has "reason", which the spec does not document',
    );
    const error = { code: "NOT_FOUND", message: "No checkout pro_1.", hint: "x" };
    expect(schemaErrors(ref("ErrorBody"), error)).toEqual([]);
    expect(answerErrors(ref("ErrorBody"), error)).toEqual(['(root) has "hint", which the spec does not document']);
  });

  it("documented open maps (metadata) keep their keys, within their bounds", () => {
    expect(answerErrors(ref("Metadata"), { order_ref: "A-1042", seats: 25, vip: true, note: null })).toEqual([]);
    expect(answerErrors(ref("Metadata"), { nested: { no: 1 } })).not.toEqual([]);
  });

  it("closes only objects that list their properties and say nothing of others", () => {
    expect(closeObjects({ type: "object", properties: { a: { type: "string" } } })).toEqual({
      type: "object",
      properties: { a: { type: "string" } },
      unevaluatedProperties: false,
    });
    const open = { type: "object", additionalProperties: { type: "string" }, example: { properties: 1 } };
    expect(closeObjects(open)).toEqual(open);
  });
});
