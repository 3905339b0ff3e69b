import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { SERVICE_NAME } from '../service-name.token';

/** Where each service serves its API description: the UI, and the document as JSON and YAML. */
export const OPENAPI_PATHS = {
  ui: '/docs',
  json: '/docs/openapi.json',
  yaml: '/docs/openapi.yaml',
} as const;

/**
 * Serves the OpenAPI 3 document of the app's controllers at `/docs`, generated from the routes and
 * the query/body DTOs (their `@ApiProperty` decorators), so it cannot drift from the code. Errors are
 * RFC 9457 problem+json throughout (see ProblemDetailsFilter).
 */
export function serveOpenApi(app: INestApplication): void {
  const serviceName = app.get<string>(SERVICE_NAME);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`SupportLens ${serviceName}`)
      .setDescription(
        `The HTTP API of the ${serviceName} service. Errors are application/problem+json (RFC 9457) ` +
          'naming each bad field; list endpoints page with `limit` and `cursor` and export CSV on ' +
          '`Accept: text/csv`.',
      )
      .setVersion('1')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        description:
          'An API key (`slk_…`, from `npm run api-keys -- create`), also accepted as `X-API-Key`. ' +
          'Each route needs one scope; /health/live and /health/ready need none.',
      })
      .build(),
  );
  SwaggerModule.setup(OPENAPI_PATHS.ui.slice(1), app, document, {
    jsonDocumentUrl: OPENAPI_PATHS.json.slice(1),
    yamlDocumentUrl: OPENAPI_PATHS.yaml.slice(1),
  });
}
