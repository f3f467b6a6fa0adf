import { ArgumentMetadata, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { InvalidClientMetadata, OAuthError } from '@app/core';
import { MAX_BODY_DEPTH, tooDeepField } from './json-depth';

/** Each problem under the dotted path of its field. */
export function collect(errors: ValidationError[], prefix = ''): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) fields[path] = Object.values(error.constraints)[0];
    Object.assign(fields, collect(error.children ?? [], path));
  }
  return fields;
}

function invalidRequest(description: string, fields: Record<string, string>): OAuthError {
  const error = new OAuthError('invalid_request', description);
  error.fields = fields;
  return error;
}

/** ValidationPipe with a nesting limit checked first: class-transformer would overflow the stack on a deep body. */
class AdminValidationPipe extends ValidationPipe {
  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const field = tooDeepField(value);
    if (field !== undefined) {
      const message = `is nested more than ${MAX_BODY_DEPTH} levels deep`;
      throw invalidRequest(`${field}: ${message}`, { [field]: message });
    }
    return super.transform(value, metadata);
  }
}

/** Validates admin API bodies; each problem is reported under the field it concerns. */
export function adminValidationPipe(kind: 'client' | 'request' = 'request'): ValidationPipe {
  return new AdminValidationPipe({
    whitelist: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => {
      const fields = collect(errors);
      const [field, message] = Object.entries(fields)[0] ?? ['body', 'is invalid'];
      const description = `${field}: ${message}`;
      if (kind === 'client') return new InvalidClientMetadata(description, fields);
      return invalidRequest(description, fields);
    },
  });
}
