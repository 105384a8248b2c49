import type { soundEn } from './sound-en';

// Thai strings for the paid sound (spread into th.ts).
export const soundTh: Record<keyof typeof soundEn, string> = {
  'sound.preview': 'ทดลองเสียง',
  'sound.previewFailed': 'ทดลองเสียงไม่สำเร็จ',
  'sound.off': 'ปิดเสียงอยู่: เปิดเสียงแจ้งเตือนและเพิ่มระดับเสียงเพื่อให้ได้ยินเมื่อได้รับเงิน',
  'sound.noVoice': 'เครื่องนี้ไม่มีเสียงอ่านภาษาไทยแบบออฟไลน์: จะมีเฉพาะเสียงแจ้งเตือน',
  'sound.voiceReady': 'อ่านยอดเงินด้วยเสียงภาษาไทยของเครื่องนี้ (ใช้ได้แบบออฟไลน์)',
  'sound.displayTap': 'จอลูกค้าบนเบราว์เซอร์จะมีเสียงหลังจากแตะหน้าจอหนึ่งครั้งเมื่อเปิดขึ้นมา',
};
