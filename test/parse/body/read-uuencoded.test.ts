import { describe, expect, it } from "vitest";
import { readUuencoded } from "../../../src/parse/body/read-uuencoded.js";

// Written by GNU sharutils `uuencode list.csv < list.csv` and `uuencode -m` from "Name,Phone\nJane,01270 555123\n".
const UU = "begin 644 list.csv\n=3F%M92Q0:&]N90I*86YE+#`Q,C<P(#4U-3$R,PH`\n`\nend\n";

describe("readUuencoded", () => {
  it("decodes a uuencoded file in a body", () => {
    const [file] = readUuencoded(`Hi,\n\n${UU}\nThanks`);
    expect(file.filename).toBe("list.csv");
    expect(file.complete).toBe(true);
    expect(new TextDecoder().decode(file.bytes)).toBe("Name,Phone\nJane,01270 555123\n");
  });

  it("decodes begin-base64", () => {
    const b64 = "begin-base64 644 list.csv\nTmFtZSxQaG9uZQpKYW5lLDAxMjcwIDU1NTEyMwo=\n====\n";
    expect(new TextDecoder().decode(readUuencoded(b64)[0].bytes)).toBe("Name,Phone\nJane,01270 555123\n");
  });

  it("marks a file cut off before `end` as incomplete", () => {
    expect(readUuencoded("begin 644 a.csv\n=3F%M92Q0:&]N90I*86YE+#`Q,C<P(#4U-3$R,PH`\n")[0].complete).toBe(
      false,
    );
  });
});
