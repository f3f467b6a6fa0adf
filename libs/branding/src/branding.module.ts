import { Module } from '@nestjs/common';
import { BrandingService } from './branding.service';

/** The organization's branding of the person-facing pages. */
@Module({
  providers: [BrandingService],
  exports: [BrandingService],
})
export class BrandingModule {}
