import { prisma } from "@/lib/db";
console.log(await prisma.team.count());
await prisma.$disconnect();
