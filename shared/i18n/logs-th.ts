import type { logsEn } from './logs-en';

// Thai strings for the log file card in Settings (spread into th.ts).
export const logsTh: Record<keyof typeof logsEn, string> = {
  'logs.title': 'ไฟล์บันทึกการทำงาน',
  'logs.help': 'ถ้าฝ่ายไอทีหรือทีมช่วยเหลือขอไฟล์บันทึก ให้เปิดโฟลเดอร์แล้วส่งไฟล์ chamra-pos ทุกไฟล์ในนั้นไปให้ ในไฟล์จะไม่มีคีย์ Stripe รหัสลับอื่น ๆ รหัส PIN หรืออีเมลของลูกค้า',
  'logs.folder': 'โฟลเดอร์',
  'logs.open': 'เปิดโฟลเดอร์บันทึก',
  'logs.opening': 'กำลังเปิด…',
  'logs.opened': 'เปิดโฟลเดอร์แล้ว',
  'logs.browser': 'ในโหมดเบราว์เซอร์ บันทึกการทำงานจะแสดงอยู่ในหน้าต่างเทอร์มินัลที่เปิดโปรแกรมไว้ ส่วนแอปบนคอมพิวเตอร์จะเก็บไว้เป็นไฟล์',
  'logs.error.browser': 'เปิดโฟลเดอร์บันทึกได้เฉพาะในแอปบนคอมพิวเตอร์',
  'logs.error.open': 'เปิดโฟลเดอร์จากที่นี่ไม่ได้ ลองเปิดเองตามที่อยู่ด้านบน',
};
