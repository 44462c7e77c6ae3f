import kafkajs from 'kafkajs';

export interface Member {
  group: string;
  member: string;
  partitions: string;
}

/** Every member of the services' consumer groups with the partitions it holds (the broker's view). */
export async function assignments(brokers: string[], groups: string[]): Promise<Member[]> {
  const admin = new kafkajs.Kafka({ clientId: 'drill-admin', brokers, logLevel: kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const { groups: described } = await admin.describeGroups(groups);
    const members: Member[] = [];
    for (const g of described) {
      for (const m of g.members) {
        const assignment = m.memberAssignment.length > 0 ? kafkajs.AssignerProtocol.MemberAssignment.decode(m.memberAssignment) : null;
        const held = Object.entries(assignment?.assignment ?? {})
          .filter(([, partitions]) => partitions.length > 0)
          .map(([topic, partitions]) => `${topic.split('.').slice(-3).join('.')}[${partitions.join(',')}]`);
        members.push({ group: g.groupId, member: m.memberId.slice(-12), partitions: held.join(' ') || '(none)' });
      }
    }
    return members;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Resolves once each group that has members (services that consume: a group nobody joined does not
 * count) has `count` members holding partitions, i.e. a rebalance has settled; rejects at the deadline.
 */
export async function waitForMembers(brokers: string[], groups: string[], count: (group: string) => number, deadline: number): Promise<Member[]> {
  for (;;) {
    const members = await assignments(brokers, groups).catch(() => [] as Member[]);
    const active = groups.filter((g) => members.some((m) => m.group === g));
    const ok = active.length > 0 && active.every((g) => members.filter((m) => m.group === g && m.partitions !== '(none)').length === count(g));
    if (ok) return members;
    if (Date.now() > deadline) throw new Error(`consumer groups did not settle: ${JSON.stringify(members)}`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
