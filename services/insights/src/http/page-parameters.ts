import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** The `limit` query parameter of a keyset-paginated list: 1 … `max`, 50 by default. */
export function PageLimit(max = 1000): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ minimum: 1, maximum: max, description: 'Page size. Default 50.', example: 50 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );
}

/** The `cursor` query parameter: the `nextCursor` of the previous page, as the API returned it. */
export function PageCursor(
  description = '`nextCursor` of the previous page (with the same sort).',
): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description, maxLength: 500 }),
    IsOptional(),
    IsString(),
    MaxLength(500),
    Matches(/^[A-Za-z0-9_-]+$/),
  );
}
