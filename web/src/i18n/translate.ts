import type { MessageKey, Messages } from './zh-CN';

export type TranslateVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: TranslateVars) => string;

export function createTranslate(messages: Messages): Translate {
  return (key, vars) => {
    const template = messages[key];
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
      name in vars ? String(vars[name]) : placeholder,
    );
  };
}
