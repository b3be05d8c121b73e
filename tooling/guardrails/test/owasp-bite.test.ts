// The `owasp` check bites: Spectral (spectral:oas + OWASP) on a copy of the bundled spec with a
// request-side string left unbounded, and on a copy of openapi/README.md whose findings section lost
// a rule's row, must fail naming what is wrong; a finding's side follows the JSON path it is at. On the
// repository as it is, the check's verdict must follow from its own findings (whether it passes today
// is `pnpm check`'s business, not this test's).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "@billing-api/repository";
import { afterAll, describe, expect, it } from "vitest";
import {
  type Finding,
  findingsSection,
  names,
  owasp,
  SPEC_JSON,
  SPEC_README,
  sideOf,
  spectralFindings,
} from "../src/owasp.ts";

const scratch = mkdtempSync(join(tmpdir(), "owasp-bite-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Spec = { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } };
const bundled = (): Spec => JSON.parse(readFileSync(join(ROOT, "openapi/dist/openapi.json"), "utf8")) as Spec;
function specWith(name: string, edit: (spec: Spec) => void): string {
  const spec = bundled();
  edit(spec);
  const file = join(scratch, `${name}.json`);
  writeFileSync(file, JSON.stringify(spec, null, 2));
  return file;
}

/** The name of the schema a request body of `path` (`post`) refers to. */
const requestSchema = (spec: Spec, path: string): string => {
  const ref = spec.paths[path]!.post.requestBody.content["application/json"].schema.$ref as string;
  return ref.split("/").pop()!;
};
const responseSchema = (spec: Spec, path: string): string => {
  const ref = spec.paths[path]!.post.responses["200"].content["application/json"].schema.$ref as string;
  return ref.split("/").pop()!;
};

describe("owasp", () => {
  it("fails on a request-side string without maxLength, in a body schema and in an operation's parameter, naming each path", async () => {
    let schema = "";
    const spec = specWith("unbounded-request-string", (spec) => {
      schema = requestSchema(spec, "/checkout-sessions");
      spec.components.schemas[schema].properties.planted_note = {
        type: "string",
        description: "A note with no bound.",
      };
      spec.paths["/checkout-sessions"]!.post.parameters.push({
        name: "planted_q",
        in: "query",
        description: "Unbounded.",
        schema: { type: "string" },
      });
    });
    const result = await owasp({ spec });
    expect(result.ok).toBe(false);
    expect(result.output).toContain("request-side error");
    expect(result.output).toMatch(
      new RegExp(`owasp:api4:2023-string-limit {2}components\\.schemas\\.${schema}\\.properties\\.planted_note\\n`),
    );
    expect(result.output).toMatch(
      /owasp:api4:2023-string-limit {2}paths\["\/checkout-sessions"\]\.post\.parameters\[?"?\d+"?\]?\.schema\n/,
    );
  });

  it("places a finding on its side: a shape only responses reach is response-side; one a request reaches too is request-side", async () => {
    let responseOnly = "";
    const spec = specWith("sides", (spec) => {
      responseOnly = responseSchema(spec, "/checkout-sessions");
      spec.components.schemas[responseOnly].properties.planted_out = {
        type: "string",
        description: "Sent, never received.",
      };
      spec.components.schemas.PlantedShared = {
        type: "object",
        description: "Shared.",
        properties: { text: { type: "string", description: "Unbounded." } },
      };
      spec.components.schemas[responseOnly].properties.planted_shared = { $ref: "#/components/schemas/PlantedShared" };
      spec.components.schemas[requestSchema(spec, "/checkout-sessions")].properties.planted_shared = {
        $ref: "#/components/schemas/PlantedShared",
      };
    });
    const findings = await spectralFindings(spec);
    const at = (path: string): Finding | undefined =>
      findings.find((f) => f.rule === "owasp:api4:2023-string-limit" && f.path === path);
    expect(at(`components.schemas.${responseOnly}.properties.planted_out`)?.side).toBe("response");
    expect(at("components.schemas.PlantedShared.properties.text")?.side).toBe("request");
    const result = await owasp({ spec });
    expect(result.output).toContain("components.schemas.PlantedShared.properties.text");
    expect(result.output).not.toMatch(/2023-string-limit {2}\S*planted_out/);
  });

  it("places paths by where they are in the document", () => {
    const side = sideOf(bundled() as never);
    expect(side(["paths", "/checkout-sessions", "post", "requestBody", "content"])).toBe("request");
    expect(side(["paths", "/checkout-sessions", "post", "parameters", 0, "schema"])).toBe("request");
    expect(side(["paths", "/checkout-sessions", "post", "responses", "200", "headers"])).toBe("response");
    expect(side(["components", "parameters", "IdempotencyKey", "schema"])).toBe("request");
    expect(side(["components", "responses", "BadRequest", "headers"])).toBe("response");
    expect(side(["components", "headers", "Retry-After", "schema"])).toBe("response");
    expect(side(["servers", "0"])).toBe("document");
    expect(side(["info"])).toBe("document");
  });

  it("fails when the README's findings section does not name a rule that has findings, naming the rule", async () => {
    const findings = await spectralFindings(SPEC_JSON);
    const readme = readFileSync(SPEC_README, "utf8");
    const rule = findings.find((f) => f.rule.startsWith("owasp:"))?.rule ?? findings[0]?.rule;
    expect(rule, "the spec has no finding left: plant one to test this").toBeDefined();
    // Every line of the section naming the rule goes; the rest of the README stays.
    const section = findingsSection(readme)!;
    const edited = readme.replace(
      section,
      section
        .split("\n")
        .filter((line) => !names(line, rule!))
        .join("\n"),
    );
    expect(edited).not.toBe(readme);
    const copy = join(scratch, "README-without-a-rule.md");
    writeFileSync(copy, edited);
    const result = await owasp({ readme: copy });
    expect(result.ok).toBe(false);
    expect(result.output).toContain("does not name");
    expect(result.output).toMatch(new RegExp(`\\n {2}${rule!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: \\d+ finding`));

    const without = join(scratch, "README-without-section.md");
    writeFileSync(without, readme.replace(/^## Spectral and OWASP findings$/m, "## Something else"));
    const missing = await owasp({ readme: without });
    expect(missing.ok).toBe(false);
    expect(missing.output).toContain('has no section "## Spectral and OWASP findings"');
  });

  it("on the repository, its verdict follows from its findings and the README", async () => {
    const [findings, result] = await Promise.all([spectralFindings(SPEC_JSON), owasp()]);
    const section = findingsSection(readFileSync(SPEC_README, "utf8")) ?? "";
    const requestErrors = findings.filter((f) => f.side === "request" && f.severity === "error");
    const unnamed = [...new Set(findings.map((f) => f.rule))].filter((rule) => !names(section, rule));
    expect(result.ok).toBe(requestErrors.length === 0 && unnamed.length === 0);
    for (const f of requestErrors) {
      expect(result.output).toContain(`${f.rule}  ${f.path}`);
    }
    // The table it prints has a row for every rule with findings.
    for (const rule of new Set(findings.map((f) => f.rule))) {
      expect(result.output).toContain(`| \`${rule}\` |`);
    }
  });
});
