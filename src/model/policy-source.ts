/** How the policy in force was found (issue 18: configuration found by itself; first found wins). */
export type PolicySource =
  | { kind: "option"; path: string }
  | { kind: "env"; path: string }
  | { kind: "project"; path: string }
  | { kind: "user"; path: string }
  | { kind: "system"; path: string }
  | { kind: "default" };

/** The name of the policy file looked for in the checked path's folder and each folder above it. */
export const PROJECT_POLICY = ".guard.yaml";
