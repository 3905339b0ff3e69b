import { bootstrapService } from '@supportlens/platform';
import { AppModule } from './app.module';

void bootstrapService(AppModule, { serviceName: 'classifier' });
