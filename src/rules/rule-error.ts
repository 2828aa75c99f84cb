/** A rule's refusal: a value, not an exception. `code` is stable and part of the client contract. */
export interface RuleError<Code extends string = string> {
  code: Code;
  message: string;
}

/** Each kind of rules narrows `Code` to its own list of codes. */
export function ruleError<Code extends string>(code: Code, message: string): RuleError<Code> {
  return { code, message };
}

/** Checks the shape (`{code, message}` and nothing else); the code list is the caller's type. */
export function isRuleError<Code extends string = string>(value: unknown): value is RuleError<Code> {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value
    && typeof (value as RuleError).code === 'string' && Object.keys(value).length === 2;
}
