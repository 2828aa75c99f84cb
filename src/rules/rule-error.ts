/** A rule's refusal: a value, not an exception. `code` is stable and part of the client contract. */
export interface RuleError {
  code: string;
  message: string;
}

export function ruleError(code: string, message: string): RuleError {
  return { code, message };
}

export function isRuleError(value: unknown): value is RuleError {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value
    && typeof (value as RuleError).code === 'string' && Object.keys(value).length === 2;
}
