import { describe, expect, it } from "vitest";
import { completionForError, fitMessage, MESSAGE_LIMIT } from "../../src/outlook/completion-for.js";

describe("Outlook's message (at most 500 characters)", () => {
  it("cuts a long finding, never the closing sentence the user acts on", () => {
    const why = ` Personal data of 2,900 people in column(s) ${Array.from({ length: 60 }, (_, i) => `"Field ${i}"`).join(", ")}.`;
    const text = fitMessage("guard: check before sending.", why, " Choose Send Anyway only if you are sure.");
    expect(text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(text.startsWith("guard: check before sending. Personal data of 2,900 people")).toBe(true);
    expect(text.endsWith("… Choose Send Anyway only if you are sure.")).toBe(true);
  });

  it("leaves a short message whole", () => {
    expect(fitMessage("Head.", " Why.", " Tail.")).toBe("Head. Why. Tail.");
  });

  it("keeps the advice when an error's own words are long", () => {
    const message = completionForError(new Error("x".repeat(2_000))).errorMessage as string;
    expect(message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(message.endsWith("). Try again; if it keeps happening, tell your administrator.")).toBe(true);
  });
});
