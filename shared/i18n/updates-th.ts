// th strings for updates (spread into th.ts).
import type { updatesEn } from './updates-en';

export const updatesTh: Record<keyof typeof updatesEn, string> = {
  'updates.ready': 'อัปเดตเวอร์ชัน {version} พร้อมแล้ว จะติดตั้งตอนที่ไม่มีการขายค้างอยู่',
  'updates.install': 'ติดตั้งเลย',
  'updates.installLabel': 'ติดตั้งอัปเดตเวอร์ชัน {version} ตอนนี้ โปรแกรมจะปิดแล้วเปิดขึ้นมาใหม่เป็นเวอร์ชันใหม่',
  'updates.installing': 'กำลังติดตั้งอัปเดตเวอร์ชัน {version}… อีกสักครู่โปรแกรมจะเปิดขึ้นมาใหม่',
  'updates.saleInProgress': 'มีรายการขายที่รอชำระเงินอยู่ ติดตั้งอัปเดตได้เมื่อรายการนั้นชำระแล้วหรือยกเลิกแล้ว',
  'audit.action.updates.install': 'ติดตั้งอัปเดตโปรแกรม',
};
