import { Controller, Get, Header } from '@nestjs/common';
import type { JWK } from 'jose';
import { KeyStore } from './key-store.service';

@Controller()
export class JwksController {
  constructor(private readonly keys: KeyStore) {}

  /** The public keys that verify our tokens: the active one and retired ones whose tokens may live. */
  @Get('oauth2/jwks')
  @Header('Cache-Control', 'public, max-age=60')
  jwks(): { keys: JWK[] } {
    return this.keys.jwks();
  }
}
