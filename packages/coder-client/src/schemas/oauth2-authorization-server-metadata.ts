// GET /.well-known/oauth-authorization-server: Coder's OAuth2 provider (the `oauth2` experiment), RFC 8414 metadata
// (coder/coder coderd/oauth2provider/metadata.go GetAuthorizationServerMetadata).
import * as z from 'zod';

export const OAuth2AuthorizationServerMetadataSchema = z.looseObject({
  issuer: z.string().optional(),
  authorization_endpoint: z.string(),
  token_endpoint: z.string(),
  registration_endpoint: z.string().optional(),
});
export type OAuth2AuthorizationServerMetadata = z.infer<typeof OAuth2AuthorizationServerMetadataSchema>;
