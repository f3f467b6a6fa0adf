import { ValidationError, ValidationPipe } from '@nestjs/common';
import { InvalidClientMetadata, OAuthError } from '@app/core';

function collect(errors: ValidationError[], prefix = ''): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) fields[path] = Object.values(error.constraints)[0];
    Object.assign(fields, collect(error.children ?? [], path));
  }
  return fields;
}

/** Validates admin API bodies; each problem is reported under the field it concerns. */
export function adminValidationPipe(kind: 'client' | 'request' = 'request'): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => {
      const fields = collect(errors);
      const [field, message] = Object.entries(fields)[0] ?? ['body', 'is invalid'];
      const description = `${field}: ${message}`;
      if (kind === 'client') return new InvalidClientMetadata(description, fields);
      const error = new OAuthError('invalid_request', description);
      error.fields = fields;
      return error;
    },
  });
}
