import type { MessageHandler } from '@nestjs/microservices';
import { InProcessBus, InProcessTransport } from '#libs/messaging';
import { runAsService } from './service-context.js';

/**
 * Embedded mode's transport for one service: the bus calls a consumer from the publishing
 * service's code, so each handler is run as its own service (its log lines name the consumer).
 */
export class ServiceInProcessTransport extends InProcessTransport {
  constructor(
    bus: InProcessBus,
    private readonly service: string,
  ) {
    super(bus, service);
  }

  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler?: boolean, extras?: Record<string, unknown>): void {
    const service = this.service;
    const asService = ((...args: Parameters<MessageHandler>) => runAsService(service, () => callback(...args))) as MessageHandler;
    super.addHandler(pattern, asService, isEventHandler, extras);
  }
}
