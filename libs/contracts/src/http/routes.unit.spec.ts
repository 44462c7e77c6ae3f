import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { httpRoutes, openApiPath, pathOf, routeKey } from './routes.js';

describe('the route table: paths for clients and documents', () => {
  it('fills parameters percent-encoded and adds the query, leaving out what is empty', () => {
    assert.equal(pathOf(httpRoutes.downloadStatement.path, { resultId: 'r 1/2' }), '/api/v1/me/results/r%201%2F2/statement');
    assert.equal(pathOf(httpRoutes.searchDirectory.path, {}, { q: 'Kant&x', limit: 5 }), '/api/v1/directory/search?q=Kant%26x&limit=5');
    assert.equal(pathOf(httpRoutes.inbox.path, {}, { status: '', recipientId: undefined }), '/api/v1/institution/shares');
  });

  it('names routes and spells their OpenAPI paths', () => {
    assert.equal(routeKey(httpRoutes.acceptInvitation), 'POST /api/v1/directory/invitations/:token/accept');
    assert.equal(openApiPath(httpRoutes.acceptInvitation.path), '/api/v1/directory/invitations/{token}/accept');
  });
});
